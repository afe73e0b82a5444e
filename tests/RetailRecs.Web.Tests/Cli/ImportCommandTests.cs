using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs import` run as its own process, as an operator would.</summary>
[Trait("Database", "Sqlite")] // the CLI on SQLite files: not run again on PostgreSQL
public class ImportCommandTests
{
    [Fact]
    public async Task Import_NoDateColumn_SaysWhichFieldIsMissingAndHowToMapItOnTheCommandLine()
    {
        using var dir = new TempDirectory();
        var file = dir.File("no-date.csv");
        await File.WriteAllTextAsync(file, "Member_number,Day sold,itemDescription\n1808,21-07-2015,whole milk\n");

        using var cli = ChildProcess.Start(ChildProcess.Cli, ["import", "--kind", "transactions", "--file", file, "--database", dir.File("shop.db")], dir.Path);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exit);
        Assert.Contains("No column was found for InvoiceDate", cli.Output, StringComparison.Ordinal);
        Assert.Contains("Map one with --map \"Column=Field\".", cli.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_ServerUnreachable_SaysWhichSettingAndServerWithoutThePassword()
    {
        using var dir = new TempDirectory();
        const string Password = "never-print-me-2026";

        using var cli = ChildProcess.Start(ChildProcess.Cli, ["import", "--kind", "transactions", "--file", RepositoryPaths.SampleData], dir.Path,
            new Dictionary<string, string>
            {
                ["Database__Provider"] = "Postgres",
                ["ConnectionStrings__RetailRecs"] = $"Host=127.0.0.1;Port=1;Timeout=3;Username=shop;Password={Password};Database=retailrecs",
            });
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(1, exit);
        Assert.Contains("Cannot connect to the Postgres database named by ConnectionStrings__RetailRecs", cli.Output, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1:1", cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", cli.Output, StringComparison.Ordinal);
    }
}
