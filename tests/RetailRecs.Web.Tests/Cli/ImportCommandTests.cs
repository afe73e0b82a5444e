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
    /// <summary>A US export whose dates never prove the order: the operator says month first, and the report says it was chosen.</summary>
    [Fact]
    public async Task Import_DatesMonthFirst_ReadsThemSo_AndAnUnknownOrderIsRefusedInWords()
    {
        using var dir = new TempDirectory();
        var file = dir.File("week.csv");
        await File.WriteAllTextAsync(file, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,HEART,6,3/1/2011 08:26,2.55,17850,United States\n");

        using var cli = ChildProcess.Start(ChildProcess.Cli, ["import", "--kind", "transactions", "--file", file, "--dates", "month-first", "--database", dir.File("shop.db")], dir.Path);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));
        using var wrong = ChildProcess.Start(ChildProcess.Cli, ["import", "--kind", "transactions", "--file", file, "--dates", "ymd", "--database", dir.File("other.db")], dir.Path);
        var wrongExit = await wrong.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exit == 0, cli.Output);
        Assert.Contains("month first (M/d/yyyy), as chosen", cli.Output, StringComparison.Ordinal);
        Assert.Equal("2011-03-01", SqliteFile.Text(dir.File("shop.db"), "SELECT PlacedOn FROM Orders"));
        Assert.Equal(2, wrongExit);
        Assert.Contains("--dates takes day-first (31/12/2011) or month-first (12/31/2011), not 'ymd'.", wrong.Output, StringComparison.Ordinal);
    }
}
