using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// Tills that number receipts per day reuse every number the next day. Before 2026-12-07 each day's receipt "1" joined
/// the first day's basket (a guest's or the same member's), and another member's was rejected as a reused invoice.
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

    [Fact]
    public async Task Import_ReceiptNumbersRestartingEachDay_StoresEachDaysBaskets()
    {
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(f.WriteFile("till.csv", Header +
            "1,2011-03-04 09:00,Milk,1,0.80,M1\n1,2011-03-04 09:00,Bread,1,1.20,M1\n2,2011-03-04 10:00,Bread,1,1.20,\n" +
            "1,2011-03-05 09:30,Eggs,1,2.00,M2\n2,2011-03-05 11:00,Milk,1,0.80,\n" +
            "1,2011-03-06 08:45,Jam,1,1.50,M1\n" +
            "3,2011-03-06 23:59,Tea,1,2.50,\n3,2011-03-07 00:00,Cake,1,3.00,\n"));

        Assert.Equal(0, result.Report.RowsRejected);
        Assert.Equal(
        [
            ("1", new DateOnly(2011, 3, 4), "M1", 2), ("2", new DateOnly(2011, 3, 4), null, 1),
            ("1 2011-03-05", new DateOnly(2011, 3, 5), "M2", 1), ("2 2011-03-05", new DateOnly(2011, 3, 5), null, 1),
            ("1 2011-03-06", new DateOnly(2011, 3, 6), "M1", 1),
            ("3", new DateOnly(2011, 3, 6), null, 2), // rung up across midnight: one basket
        ], await OrdersAsync(f));
    }

    [Fact]
    public async Task Import_NextDaysFile_StoresItsReceiptsBesideTheStoredOnes_AndAgainMatchesThem()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("monday.csv", Header + "1,2011-03-07 09:00,Milk,1,0.80,\n1,2011-03-07 09:00,Bread,1,1.20,\n"));
        var tuesday = Header + "1,2011-03-08 09:10,Milk,1,0.80,\n";

        await f.ImportAsync(f.WriteFile("tuesday.csv", tuesday));
        var corrected = await f.ImportAsync(f.WriteFile("tuesday-corrected.csv", tuesday + "1,2011-03-08 09:10,Jam,1,1.50,\n"));

        Assert.Equal(1, corrected.Written!.LinesAdded);
        Assert.Equal([("1", new DateOnly(2011, 3, 7), null, 2), ("1 2011-03-08", new DateOnly(2011, 3, 8), null, 2)], await OrdersAsync(f));
    }

    [Fact]
    public async Task Import_SaleExportedAgainDatedTheDayBefore_CompletesTheStoredSale()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(f.WriteFile("utc.csv", Header + "900001,2011-07-01 01:00,Milk,1,0.80,\n"));

        var local = await f.ImportAsync(f.WriteFile("local.csv", Header + "900001,2011-06-30 21:00,Milk,1,0.80,\n900001,2011-06-30 21:00,Bread,1,1.20,\n"));

        Assert.Equal(1, local.Written!.LinesAdded);
        Assert.Equal([("900001", new DateOnly(2011, 7, 1), null, 2)], await OrdersAsync(f));
    }
}
