using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>Values the command line cannot read get one line saying so and exit code 2, never a stack trace.</summary>
public class BadArgumentsTests
{
    [Theory]
    [InlineData("Unexpected 'data.csv': options start with --.", "import", "data.csv")]
    [InlineData("--from takes a date written yyyy-MM-dd, not '01/12/2011'.", "train", "--from", "01/12/2011")]
    [InlineData("--k takes a whole number, not 'three'.", "segment", "--k", "three")]
    [InlineData("--count takes a whole number, not 'x'.", "suggest", "--count", "x", "--customer", "12346")]
    public async Task Command_ValueItCannotRead_SaysWhichAndExitsWithTwo(string message, params string[] args)
    {
        await using var db = await TestDatabase.CreateAsync(sqliteOnly: true);
        using var dir = new TempDirectory();
        using var cli = ChildProcess.Start(ChildProcess.Cli, [.. args, "--database", db.FilePath], dir.Path, null);

        var exit = await cli.WaitForExitAsync(TimeSpan.FromMinutes(2));

        Assert.True(exit == 2, cli.Output);
        Assert.Contains($"retailrecs {args[0]}: {message}", cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", cli.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", cli.Output, StringComparison.Ordinal);
    }
}
