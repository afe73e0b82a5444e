using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Ingestion;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// Tills that number receipts per day reuse every number the next day. Before 2026-12-07 each day's receipt "1" joined
/// the first day's basket (a guest's or the same member's), and another member's was rejected as a reused invoice.
/// The basket of the day a number is stored on keeps the bare number; another day's is stored under number and day.
/// </summary>
public class ReceiptsNumberedPerDayTests
{
    private const string Header = "Receipt,Date,Item,Qty,Price,Member_number\n";

    private static async Task<List<(string Number, DateOnly Day, string? Member, int Lines)>> OrdersAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        return (await db.Orders.Select(o => new { o.InvoiceNumber, o.PlacedOn, Member = o.Customer == null ? null : o.Customer.CustomerCode, Lines = o.Lines.Count }).ToListAsync())
            .Select(o => (o.InvoiceNumber, o.PlacedOn, o.Member, o.Lines)).OrderBy(o => o.PlacedOn).ThenBy(o => o.InvoiceNumber, StringComparer.Ordinal).ToList();
    }

    /// <summary>Whole, or cut into chunks of one to three lines (a receipt's day met again at a chunk's first line).</summary>
    [Theory]
    [InlineData(int.MaxValue)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task Import_ReceiptNumbersRestartingEachDay_StoresEachDaysBaskets(int chunkLines)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ChunkLines = chunkLines;

        var result = await f.ImportAsync(f.WriteFile("till.csv", Header +
            "1,2011-03-04 09:00,Milk,1,0.80,M1\n1,2011-03-04 09:00,Bread,1,1.20,M1\n2,2011-03-04 10:00,Bread,1,1.20,\n" +
            "1,2011-03-05 09:30,Eggs,1,2.00,M2\n1,2011-03-05 09:30,Tea,1,2.50,M2\n2,2011-03-05 11:00,Milk,1,0.80,\n" +
            "1,2011-03-06 08:45,Jam,1,1.50,M1\n" +
            "3,2011-03-06 23:59,Tea,1,2.50,\n3,2011-03-07 00:00,Cake,1,3.00,\n"));

        Assert.Equal((0, 9), (result.Report.RowsRejected, result.Written!.LinesAdded));
        Assert.Equal(
        [
            ("1", new DateOnly(2011, 3, 4), "M1", 2), ("2", new DateOnly(2011, 3, 4), null, 1),
            ("1 2011-03-05", new DateOnly(2011, 3, 5), "M2", 2), ("2 2011-03-05", new DateOnly(2011, 3, 5), null, 1),
            ("1 2011-03-06", new DateOnly(2011, 3, 6), "M1", 1),
            ("3", new DateOnly(2011, 3, 6), null, 2), // rung up across midnight: one basket
        ], await OrdersAsync(f));
    }

    [Theory]
    [InlineData("1,2011-03-07 09:00,Milk,1,0.80,\n1,2011-03-07 09:00,Bread,1,1.20,\n")]
    [InlineData("1,2011-03-07 09:00,Milk,1,0.80,\n")] // the same basket on both days
    public async Task Import_NextDaysFile_StoresItsReceiptsBesideTheStoredOnes_AndAgainMatchesThem(string monday)
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("monday.csv", Header + monday));
        var tuesday = Header + "1,2011-03-08 09:10,Milk,1,0.80,\n";

        await f.ImportAsync(f.WriteFile("tuesday.csv", tuesday));
        var corrected = await f.ImportAsync(f.WriteFile("tuesday-corrected.csv", tuesday + "1,2011-03-08 09:10,Jam,1,1.50,\n"));

        Assert.Equal(1, corrected.Written!.LinesAdded);
        var mondayLines = monday.Count(c => c == '\n');
        Assert.Equal([("1", new DateOnly(2011, 3, 7), null, mondayLines), ("1 2011-03-08", new DateOnly(2011, 3, 8), null, 2)], await OrdersAsync(f));
    }

    /// <summary>Exports that overlap and run the other way round: each day's receipt is found again, none stored twice.</summary>
    [Fact]
    public async Task Import_OverlappingExportInTheOtherOrder_FindsEachDaysReceipt()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("newest-first.csv", Header + "1,2011-03-08 09:10,Jam,1,1.50,\n1,2011-03-07 09:00,Milk,1,0.80,\n"));

        var again = await f.ImportAsync(f.WriteFile("oldest-first.csv", Header +
            "1,2011-03-07 09:00,Milk,1,0.80,\n1,2011-03-08 09:10,Jam,1,1.50,\n1,2011-03-08 09:10,Tea,1,2.50,\n1,2011-03-09 09:00,Cake,1,3.00,\n"));

        Assert.Equal(2, again.Written!.LinesAdded); // the tea, and the 9th's cake
        Assert.Equal(
        [
            ("1 2011-03-07", new DateOnly(2011, 3, 7), null, 1), ("1", new DateOnly(2011, 3, 8), null, 2), ("1 2011-03-09", new DateOnly(2011, 3, 9), null, 1),
        ], await OrdersAsync(f));
    }

    /// <summary>A till sent the sale at 01:00 UTC; the evening's export dates it the day before: the same sale, completed.</summary>
    [Fact]
    public async Task Import_SaleATillSentExportedDatedTheDayBefore_CompletesTheStoredSale()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string header = "Receipt,Date,SKU,Item,Qty,Price,CustomerID\n";
        await f.ImportAsync(f.WriteFile("june.csv", header + "800000,2011-06-01 10:00,MILK,Milk,1,0.80,17850\n800000,2011-06-01 10:00,BREAD,Bread,1,1.20,17850\n"));
        Assert.IsType<IngestionOutcome.Ingested>(await f.Database.Get<EventIngestion>().IngestAsync(0, null, "till",
            [new StoreEvent("purchase", "17850", "MILK", 1, null, "900001", new DateTime(2011, 7, 1, 1, 0, 0, DateTimeKind.Utc))]));

        var local = await f.ImportAsync(f.WriteFile("local.csv", header +
            "900001,2011-06-30 21:00,MILK,Milk,1,0.80,17850\n900001,2011-06-30 21:00,BREAD,Bread,1,1.20,17850\n"));

        Assert.Equal(1, local.Written!.LinesAdded);
        await using var db = f.Database.CreateContext();
        var order = await db.Orders.Where(o => o.InvoiceNumber.StartsWith("900001")).Select(o => new { o.InvoiceNumber, Lines = o.Lines.Count }).SingleAsync();
        Assert.Equal(("900001", 2), (order.InvoiceNumber, order.Lines));
    }
}
