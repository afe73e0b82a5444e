using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs backup` and `restore` run as their own processes, as an operator would.</summary>
[Trait("Database", "Sqlite")] // the CLI on SQLite files: not run again on PostgreSQL
public class RestoreCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    /// <summary>
    /// The list of erased customers lives in the database file a restore replaces: a backup from before an erasure
    /// brought the customer back, and the next import or till sale linked them again.
    /// </summary>
    [Fact]
    public async Task Restore_BackupFromBeforeAnErasure_TheCustomerIsErasedAgainAndStaysErased()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("sales.csv"), "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +
            "536366,71053,WHITE METAL LANTERN,2,2010-12-01 08:28:00,3.39,13047,United Kingdom\n");
        var shop = dir.File("shop.db");
        await RunOkAsync(dir, "import", "--kind", "transactions", "--file", "sales.csv", "--database", shop);
        await RunOkAsync(dir, "backup", "--database", shop, "--out", dir.File("before.db"));
        await RunOkAsync(dir, "privacy", "erase", "--customer", "17850", "--database", shop);

        var output = await RunOkAsync(dir, "restore", "--from", dir.File("before.db"), "--database", shop);

        Assert.Contains("Erasures made since the backup: 1 carried over, 1 customer(s) in the backup erased again.", output, StringComparison.Ordinal);
        Assert.Equal("13047", SqliteFile.Text(shop, "SELECT group_concat(CustomerCode) FROM Customers"));
        Assert.Equal("1", SqliteFile.Text(shop, "SELECT count(*) FROM ErasedCustomers"));
        Assert.Equal("1", SqliteFile.Text(shop, "SELECT count(*) FROM Orders WHERE IsAnonymised"));
        // The next export names them again: their sale is kept as a guest's, they are not created again.
        File.WriteAllText(dir.File("more.csv"), "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "536400,85123A,WHITE HANGING HEART T-LIGHT HOLDER,1,2010-12-02 08:26:00,2.55,17850,United Kingdom\n");
        await RunOkAsync(dir, "import", "--kind", "transactions", "--file", "more.csv", "--database", shop);
        Assert.Equal("13047", SqliteFile.Text(shop, "SELECT group_concat(CustomerCode) FROM Customers"));
    }

    private static async Task<string> RunOkAsync(TempDirectory dir, params string[] args)
    {
        using var cli = ChildProcess.Start(ChildProcess.Cli, args, dir.Path);
        var exit = await cli.WaitForExitAsync(Patience);
        Assert.True(exit == 0, $"{string.Join(' ', args)}: {cli.Output}");
        return cli.Output;
    }
}
