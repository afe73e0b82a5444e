using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// An export without prices (or quantities) imported first, then the full export of the same sales: the stored lines
/// are completed, not stored a second time. Both writers (SQLite prepared commands, EF Core for other providers).
/// </summary>
public class ReimportCompletionTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_SliceWithoutPricesThenFullSlice_CompletesTheLines_CountsRevenueOnce(bool efWriter)
    {
        await using var fresh = await ImportFixture.CreateAsync();
        await fresh.ImportAsync(RepositoryPaths.SampleData);
        var (freshLines, freshRevenue) = await TotalsAsync(fresh);
        var freshSummary = await fresh.Database.Get<SalesOverview>().GetSummaryAsync();
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;
        var noPrices = f.WriteFile("no-prices.csv", SampleSlice.Without("UnitPrice"));

        var first = await f.ImportAsync(noPrices);
        var second = await f.ImportAsync(RepositoryPaths.SampleData);

        await using var db = f.Database.CreateContext();
        // Lines the full export rejects (a price of zero) stay as the price-less export stored them, revenue unknown.
        var stillUnpriced = await db.OrderLines.CountAsync(l => l.UnitPrice == null);
        Assert.Equal(first.Written!.LinesAdded, second.Written!.LinesCompleted + stillUnpriced);
        Assert.Equal(freshLines, await db.OrderLines.CountAsync() - stillUnpriced);
        Assert.Equal(second.Written.LinesCompleted, second.Written.PricesFilled);
        Assert.Equal(0, second.Written.QuantitiesFilled);
        Assert.Contains($"{second.Written.LinesCompleted:N0} lines completed with prices", second.Message);
        Assert.True(second.Written.LinesCompleted > 40_000, $"only {second.Written.LinesCompleted} lines completed");
        var (_, revenue) = await TotalsAsync(f);
        Assert.Equal(freshRevenue, revenue, 2);
        var summary = await f.Database.Get<SalesOverview>().GetSummaryAsync();
        Assert.Equal((freshSummary.Revenue, freshSummary.ReturnedValue), (summary.Revenue, summary.ReturnedValue));
        Assert.Equal(0, await db.Products.CountAsync(p => p.UnitPrice == null && db.OrderLines.Any(l => l.ProductId == p.Id && l.UnitPrice != null && l.Quantity > 0)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_SliceWithoutQuantitiesThenFullSlice_CompletesTheQuantities(bool efWriter)
    {
        await using var fresh = await ImportFixture.CreateAsync();
        await fresh.ImportAsync(RepositoryPaths.SampleData);
        var (_, freshRevenue) = await TotalsAsync(fresh);
        await using var freshDb = fresh.Database.CreateContext();
        var freshItems = await freshDb.OrderLines.SumAsync(l => l.Quantity);
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;

        var first = await f.ImportAsync(f.WriteFile("no-quantities.csv", SampleSlice.Without("Quantity")));
        var second = await f.ImportAsync(RepositoryPaths.SampleData);

        await using var db = f.Database.CreateContext();
        Assert.Equal(0, await db.OrderLines.CountAsync(l => l.QuantityUnknown));
        Assert.Equal(second.Written!.LinesCompleted, second.Written.QuantitiesFilled);
        Assert.Equal(first.Written!.LinesAdded, second.Written.LinesCompleted);
        Assert.Contains("lines completed with quantities", second.Message);
        Assert.Equal(freshItems, await db.OrderLines.SumAsync(l => l.Quantity));
        Assert.Equal(freshRevenue, (await TotalsAsync(f)).Revenue, 2);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_FullerExportWithAGenuinelyDifferentLine_CompletesTheSameSale_AndAddsTheOther(bool efWriter)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;
        await f.ImportAsync(f.WriteFile("till.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country\n" +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,17850,United Kingdom\n" +
            "536365,71053,LANTERN,2,2010-12-01 08:26:00,17850,United Kingdom\n"));

        var result = await f.ImportAsync(f.WriteFile("office.csv", Header +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n" +   // the same sale, now priced
            "536365,71053,LANTERN,3,2010-12-01 08:26:00,3.39,17850,United Kingdom\n" +  // another quantity: another line
            "536365,22633,HAND WARMER,1,2010-12-01 08:26:00,1.85,17850,United Kingdom\n"));

        Assert.Equal(1, result.Written!.LinesCompleted);
        Assert.Equal(2, result.Written.LinesAdded);
        Assert.Contains("1 line completed with prices", result.Message);
        await using var db = f.Database.CreateContext();
        var lines = await db.OrderLines.OrderBy(l => l.LineNumber).Select(l => new { l.Product!.Sku, l.Quantity, l.UnitPrice }).ToListAsync();
        Assert.Equal([("85123A", 6, (decimal?)2.55m), ("71053", 2, null), ("71053", 3, 3.39m), ("22633", 1, 1.85m)],
            lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice)));
        var order = await db.Orders.SingleAsync();
        Assert.Equal(6 * 2.55m + 3 * 3.39m + 1.85m, order.Revenue);
        Assert.Equal(4, order.LineCount);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_ExportWithoutPricesAfterTheFullOne_ChangesNothing(bool efWriter)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;
        await f.ImportAsync(f.WriteFile("office.csv", Header + "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n"));

        var result = await f.ImportAsync(f.WriteFile("till.csv", "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country\n" +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,17850,United Kingdom\n"));

        Assert.Equal((0, 0, 1), (result.Written!.LinesAdded, result.Written.LinesCompleted, result.Written.LinesAlreadyStored));
        await using var db = f.Database.CreateContext();
        Assert.Equal(2.55m, (await db.OrderLines.SingleAsync()).UnitPrice);
    }

    /// <summary>
    /// A receipt's returns stored before its sales (a till's export cut after the returns, then the whole receipt):
    /// stored as a cancellation at first, and before 2026-12-07 it stayed one, so its sales counted as goods returned.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportAsync_ReceiptsReturnsThenTheWholeReceipt_IsASale_AsIfImportedAtOnce(bool efWriter)
    {
        const string returns = Header + "537001,85123A,HEART,-2,2010-12-02 10:00:00,2.55,17850,United Kingdom\n";
        const string whole = returns +
            "537001,71053,LANTERN,3,2010-12-02 10:00:00,3.39,17850,United Kingdom\n" +
            "537001,22633,HAND WARMER,1,2010-12-02 10:00:00,1.85,17850,United Kingdom\n";
        await using var once = await ImportFixture.CreateAsync();
        once.Importer.ForceEfWriter = efWriter;
        await once.ImportAsync(once.WriteFile("whole.csv", whole));
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;
        await f.ImportAsync(f.WriteFile("returns.csv", returns));
        Assert.Equal([true], await CancellationFlagsAsync(f)); // only goods going back: a return

        var result = await f.ImportAsync(f.WriteFile("whole.csv", whole));

        Assert.Equal((2, 1), (result.Written!.LinesAdded, result.Written.LinesAlreadyStored));
        Assert.Equal([false], await CancellationFlagsAsync(f));
        Assert.Equal([false], await CancellationFlagsAsync(once));
        Assert.Equal(await once.Database.Get<SalesOverview>().GetSummaryAsync(), await f.Database.Get<SalesOverview>().GetSummaryAsync());
        Assert.Equal(await DayRowsAsync(once), await DayRowsAsync(f));
    }

    private static async Task<List<bool>> CancellationFlagsAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        return await db.Orders.Select(o => o.IsCancellation).ToListAsync();
    }

    /// <summary>The dashboard's order rows per day after the rollups' refresh (sales and returns apart).</summary>
    private static async Task<List<(DateOnly, bool, int, decimal, long)>> DayRowsAsync(ImportFixture f)
    {
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        await using var db = f.Database.CreateContext();
        return (await db.OrderDaySales.OrderBy(r => r.Day).ThenBy(r => r.IsCancellation).ToListAsync())
            .Select(r => (r.Day, r.IsCancellation, r.Orders, r.Revenue, r.Items)).ToList();
    }

    private static async Task<(int Lines, double Revenue)> TotalsAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        var lines = await db.OrderLines.CountAsync();
        var revenue = (await db.Orders.Select(o => o.Revenue).ToListAsync()).Sum(r => (double)r);
        var fromLines = (await db.OrderLines.Where(l => l.UnitPrice != null).Select(l => new { l.Quantity, l.UnitPrice }).ToListAsync())
            .Sum(l => l.Quantity * (double)l.UnitPrice!.Value);
        Assert.Equal(fromLines, revenue, 2); // the orders' stored totals agree with their lines
        return (lines, revenue);
    }
}
