using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

public class GeneratedBasketKeyTests
{
    [Fact]
    public async Task Is_KeysTheImportMadeForAFileWithoutInvoices_AreRecognised()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("tills.csv",
            "Member_number,Date,itemDescription\n" +
            "1808,21-07-2015,whole milk\n" +        // a member's basket of the day
            ",21-07-2015,rolls/buns\n" +            // an anonymous line without a time: a basket of its own
            ",21-07-2015 10:15,yogurt\n");          // an anonymous line with a time
        await f.ImportAsync(path);
        await using var db = f.Database.CreateContext();

        var keys = await db.Orders.Select(o => o.InvoiceNumber).ToListAsync();

        Assert.Equal(3, keys.Count);
        Assert.All(keys, k => Assert.True(GeneratedBasketKey.Is(k), k));
    }

    /// <summary>
    /// A Date,SKU,Qty,Price export (no invoice, customer or time): its lines were keyed by row number, so a corrected
    /// copy with a row removed near the top gave every later line a new key, and the day's sales were stored twice.
    /// </summary>
    [Fact]
    public async Task ImportAsync_CorrectedExportWithoutInvoicesCustomersOrTimes_AddsOnlyTheNewLine()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string header = "Date,SKU,Qty,Price\n";
        const string rows = "2011-01-03,85123A,1,2.55\n2011-01-03,22423,2,12.75\n2011-01-03,85123A,1,2.55\n2011-01-04,71053,1,3.39\n";
        await f.ImportAsync(f.WriteFile("january.csv", header + "2011-01-03,ERROR,1,1.00\n" + rows));

        var corrected = await f.ImportAsync(f.WriteFile("january-corrected.csv", header + rows + "2011-01-04,84406B,8,2.75\n"));

        Assert.Equal(1, corrected.Written!.LinesAdded);
        await using var db = f.Database.CreateContext();
        // The first file's 4 lines (the wrong one stays; the row given twice is an exact duplicate, removed), and the new one.
        Assert.Equal(5, await db.OrderLines.CountAsync());
    }

    /// <summary>
    /// Two members of one day whose codes have the same 32-bit hash: their baskets had one key, and the second member's
    /// lines were rejected as another customer's invoice (a busy grocer's day of 20,000 members meets such a pair).
    /// </summary>
    [Fact]
    public async Task ImportAsync_TwoMembersWhoseCodesHashAlikeOnOneDay_KeepsBothBaskets()
    {
        Assert.Equal(Core.Common.StableHash.Of("40189"), Core.Common.StableHash.Of("797186")); // the 32-bit keys of before meet
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("members.csv", "Member_number,Date,itemDescription\n40189,01-12-2010,whole milk\n797186,01-12-2010,rolls/buns\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(0, result.Report.CountOf(Core.Import.Cleaning.CleaningRules.InvoiceReused));
        await using var db = f.Database.CreateContext();
        Assert.Equal(["40189", "797186"], await db.Orders.Select(o => o.Customer!.CustomerCode).OrderBy(c => c).ToListAsync());
    }

    /// <summary>
    /// A basket an import stored under the old 32-bit key (before 2026-12-06): a corrected export of the same day matches
    /// it there, and stores nothing twice.
    /// </summary>
    [Fact]
    public async Task ImportAsync_BasketStoredUnderTheOldKey_IsMatchedNotStoredAgain()
    {
        await using var f = await ImportFixture.CreateAsync();
        const string header = "Member_number,Date,itemDescription\n";
        await f.ImportAsync(f.WriteFile("july.csv", header + "1808,21-07-2015,whole milk\n1808,21-07-2015,tropical fruit\n"));
        var oldKey = $"B150721000000-{Core.Common.StableHash.Of("1808"):X8}";
        await using (var db = f.Database.CreateContext())
        {
            await db.Orders.ExecuteUpdateAsync(s => s.SetProperty(o => o.InvoiceNumber, oldKey));
        }

        var corrected = await f.ImportAsync(f.WriteFile("july-corrected.csv", header + "1808,21-07-2015,whole milk\n1808,21-07-2015,tropical fruit\n1808,21-07-2015,yogurt\n2552,21-07-2015,whole milk\n"));

        Assert.Equal(2, corrected.Written!.LinesAdded); // 1808's yogurt and 2552's milk
        await using var read = f.Database.CreateContext();
        var members = await read.Orders.Where(o => o.Customer!.CustomerCode == "1808").Select(o => new { o.InvoiceNumber, Lines = o.Lines.Count }).ToListAsync();
        Assert.Equal([(oldKey, 3)], members.Select(o => (o.InvoiceNumber, o.Lines)));
        Assert.True(GeneratedBasketKey.Is(await read.Orders.Where(o => o.Customer!.CustomerCode == "2552").Select(o => o.InvoiceNumber).SingleAsync()));
    }

    [Theory]
    [InlineData("536365")]
    [InlineData("C536379")]
    [InlineData("B2011-0042")]
    public void Is_RealInvoiceNumbers_AreNot(string invoice) => Assert.False(GeneratedBasketKey.Is(invoice));
}
