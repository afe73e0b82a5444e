using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs import` run as its own process, as an operator would.</summary>
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
}
