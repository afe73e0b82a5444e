using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;

namespace RetailRecs.Core.Tests.Import;

/// <summary>Other retailers' exports: other column names, fields missing, other delimiters and date orders.</summary>
public class MissingFieldsTests
{
    [Fact]
    public async Task Import_GroceryBasketExport_MapsMemberNumberDateAndItemDescription()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("Groceries.csv",
            "Member_number,Date,itemDescription\n" +
            "1808,21-07-2015,tropical fruit\n" +
            "1808,21-07-2015,whole milk\n" +
            "2552,05-01-2015,whole milk\n");

        var result = await f.ImportAsync(path);

        Assert.Equal("Member_number", result.Mapping["CustomerID"]);
        Assert.Equal("itemDescription", result.Mapping["Description"]);
        Assert.Contains(result.Report.Notes, n => n.Contains("identified by its normalised description"));
        Assert.Contains(result.Report.Notes, n => n.Contains("same date and time form one basket"));
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.Products.CountAsync());
        Assert.Equal(2, await db.Orders.CountAsync()); // 1808's two lines of 21 July are one basket
        Assert.Equal(new DateTime(2015, 7, 21), await db.Orders.Where(o => o.Customer!.CustomerCode == "1808").Select(o => o.PlacedAt).SingleAsync());
        Assert.All(await db.OrderLines.ToListAsync(), l => Assert.Equal(1, l.Quantity));
    }

    /// <summary>A Polish export: prices with their currency after them ("2,55 zł"), decimal commas. Every row was rejected before 2026-12-06.</summary>
    [Fact]
    public async Task Import_PricesWithTheirCurrencyWritten_AreRead()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("sklep.csv",
            "Invoice;SKU;Description;Qty;Date;Price;Customer\n" +
            "P1;A1;Kubek;2;2011-05-01 10:00;2,55 zł;42\n" +
            "P2;B7;Świeca;1;2011-05-02 11:00;1 234,50 zł;43\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(2, result.Report.RowsKept);
        await using var db = f.Database.CreateContext();
        Assert.Equal([1234.50m, 2.55m], await db.OrderLines.OrderByDescending(l => l.UnitPrice).Select(l => l.UnitPrice!.Value).ToListAsync());
    }

    /// <summary>A US export with dashes and seconds: the dates prove month first, and every row used to be rejected after that.</summary>
    [Fact]
    public async Task Import_MonthFirstDatesWithDashesAndSeconds_AreRead()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("us.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n" +
            "U1,A1,Mug,1,12-13-2010 08:26:00,2.55,42\n" +
            "U2,A1,Mug,1,01-02-2011 09:00:00,2.55,43\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(2, result.Report.RowsKept);
        await using var db = f.Database.CreateContext();
        Assert.Equal([new DateTime(2010, 12, 13, 8, 26, 0), new DateTime(2011, 1, 2, 9, 0, 0)], await db.Orders.OrderBy(o => o.PlacedAt).Select(o => o.PlacedAt).ToListAsync());
    }

    /// <summary>A grocer's loose produce (0.452 kg of apples at 3.00 a kilo): one item at the line's amount. Rejected as unreadable before 2026-12-06.</summary>
    [Fact]
    public async Task Import_WeighedQuantities_AreOneItemAtTheLinesAmount()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("grocer.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID\n" +
            "G1,APL,Apples loose,0.452,2011-05-01 10:00,3.00,42\n" +
            "G1,MLK,Milk 1l,2,2011-05-01 10:00,0.89,42\n" +
            "CG1,APL,Apples loose,-0.452,2011-05-02 10:00,3.00,42\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(3, result.Report.RowsKept);
        Assert.Equal(2, result.Report.CountOf(Core.Import.Cleaning.CleaningRules.WeighedQuantity));
        await using var db = f.Database.CreateContext();
        var apples = await db.OrderLines.Where(l => l.Product!.Sku == "APL").OrderBy(l => l.Quantity).Select(l => new { l.Quantity, l.UnitPrice }).ToListAsync();
        Assert.Equal([(-1, 1.356m), (1, 1.356m)], apples.Select(a => (a.Quantity, a.UnitPrice!.Value)));
        Assert.Equal(1.356m + 2 * 0.89m, await db.Orders.Where(o => o.InvoiceNumber == "G1").Select(o => o.Revenue).SingleAsync());
    }

    [Fact]
    public async Task Import_NoPriceColumn_KeepsRevenueUnknownNotZero()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("noprice.csv", "Invoice;SKU;Product Name;Qty;Order Date;Customer ID\n9001;A1;Mug;2;2011-05-01 10:00;42\n");

        var result = await f.ImportAsync(path);

        Assert.Contains(result.Report.Notes, n => n.Contains("revenue is unknown"));
        Assert.Contains(result.Report.Notes, n => n.Contains("semicolon"));
        await using var db = f.Database.CreateContext();
        var line = await db.OrderLines.SingleAsync();
        Assert.Null(line.UnitPrice);
        Assert.Equal(2, line.Quantity);
        var summary = await f.Database.Get<SalesOverview>().GetSummaryAsync();
        Assert.Equal(1, summary.Orders);
        Assert.Equal(1, summary.LinesWithoutPrice); // shown as unknown revenue, not folded into a zero
        Assert.Equal(0m, summary.Revenue);
    }

    [Fact]
    public async Task Import_NoCustomerColumn_KeepsEveryLineAsAnAnonymousSale()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("tills.csv", "Receipt,Item Code,Item Name,Quantity,Timestamp,Price\nR1,A1,Mug,1,2011-05-01 10:00:00,3.50\nR1,B2,Tea,2,2011-05-01 10:00:00,1.20\n");

        var result = await f.ImportAsync(path);

        Assert.Contains(result.Report.Notes, n => n.Contains("anonymous sale"));
        await using var db = f.Database.CreateContext();
        Assert.Equal(0, await db.Customers.CountAsync());
        Assert.Null(await db.Orders.Select(o => o.CustomerId).SingleAsync());
        Assert.Equal(2, await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Import_UciOnlineRetailIIHeaders_AreRecognised()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("online_retail_II.csv", "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country\n489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom\n");

        var result = await f.ImportAsync(path);

        Assert.Equal("Invoice", result.Mapping["InvoiceNo"]);
        Assert.Equal("Price", result.Mapping["UnitPrice"]);
        Assert.Equal("Customer ID", result.Mapping["CustomerID"]);
        await using var db = f.Database.CreateContext();
        Assert.Equal("13085", await db.Customers.Select(c => c.CustomerCode).SingleAsync());
    }

    [Fact]
    public async Task Import_NoQuantityColumn_RepeatedLineCountsAsASecondUnit()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("Groceries.csv",
            "Member_number,Date,itemDescription\n" +
            "1808,21-07-2015,whole milk\n" +
            "1808,21-07-2015,yogurt\n" +
            "1808,21-07-2015,whole milk\n" +   // a second bottle, not the first line exported twice
            "1808,21-07-2015,whole milk\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(2, result.Report.Rules.Single(r => r.Rule == "repeat-counted").Count);
        Assert.DoesNotContain(result.Report.Rules, r => r.Rule == "duplicate-removed");
        await using var db = f.Database.CreateContext();
        Assert.Equal(3, await db.OrderLines.Where(l => l.Product!.Name == "whole milk").Select(l => l.Quantity).SingleAsync());
        Assert.Equal(4, await db.OrderLines.SumAsync(l => l.Quantity));

        await f.ImportAsync(path);
        Assert.Equal(4, await db.OrderLines.SumAsync(l => l.Quantity)); // a re-import adds nothing
    }

    [Fact]
    public async Task Import_WithQuantityColumn_ExactRepeatIsRemovedAsADoubleExport()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("tills.csv", "Invoice,SKU,Qty,Order Date,Customer ID\n9001,A1,2,2011-05-01 10:00,42\n9001,A1,2,2011-05-01 10:00,42\n");

        var result = await f.ImportAsync(path);

        Assert.Equal(1, result.Report.Rules.Single(r => r.Rule == "duplicate-removed").Count);
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.OrderLines.SumAsync(l => l.Quantity));
    }
}
