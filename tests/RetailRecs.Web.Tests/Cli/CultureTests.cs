using System.Text.RegularExpressions;
using RetailRecs.Core.Import;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>The command line's figures read the same on a server set to another language (scripts parse them).</summary>
[Trait("Database", "Sqlite")] // the CLI on SQLite files: not run again on PostgreSQL
public partial class CultureTests
{
    [Fact]
    public async Task Segment_OnAGermanServer_PrintsDecimalPoints()
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true);
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        using var dir = new TempDirectory();
        var german = new Dictionary<string, string> { ["LANG"] = "de_DE.UTF-8", ["LC_ALL"] = "de_DE.UTF-8" };

        using var cli = ChildProcess.Start(ChildProcess.Cli, ["segment", "--k", "3", "--database", db.FilePath], dir.Path, german);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromMinutes(3));

        Assert.True(exit == 0, cli.Output);
        // The quality table: "  3       0.412           1.234" — never "0,412".
        var row = Assert.Single(QualityRow().Matches(cli.Output));
        Assert.DoesNotContain(",", row.Value, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\s+3\s+-?\d+[.,]\d{3}\s+\d+[.,]\d{3}", RegexOptions.Multiline)]
    private static partial Regex QualityRow();
}
