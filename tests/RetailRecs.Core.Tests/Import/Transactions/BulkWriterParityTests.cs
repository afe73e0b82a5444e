using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import.Transactions;

/// <summary>
/// The bulk writer (SQLite prepared commands, for speed) stores the rows the entities' rules give: the EF writer builds
/// every product, customer and order through the rules themselves (ProductRule, CustomerRule, Order.TotalsOf and
/// RefreshTotals), so the two must store the same rows, field by field, for the same files.
/// </summary>
public class BulkWriterParityTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    // A product no line describes, a customer whose country and first sale come on later rows, an invoice split by
    // another, a cancellation, an anonymous sale.
    private const string Sales = Header +
        "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-05 08:26:00,2.55,17850,\n" +
        "536365,90214Z,,2,2010-12-05 08:26:00,0.85,17850,\n" +
        "536366,22633,HAND WARMER UNION JACK,2,2010-12-01 09:00:00,1.85,17850,EIRE\n" +
        "536365,71053,WHITE METAL LANTERN,6,2010-12-05 08:26:00,3.39,17850,\n" +
        "C536367,22633,HAND WARMER UNION JACK,-1,2010-12-06 10:00:00,1.85,17850,EIRE\n" +
        "536368,85123A,WHITE HANGING HEART T-LIGHT HOLDER,1,2010-12-06 11:00:00,2.95,,United Kingdom\n";

    /// <summary>The same sales as an export without prices, which a later export with prices completes.</summary>
    private static string WithoutPrices() => string.Concat(Sales.Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(row => { var cells = row.Split(','); return string.Join(',', cells.Take(5).Concat(cells.Skip(6))) + "\n"; }));

    [Fact]
    public async Task ImportAsync_SameFilesThroughTheBulkWriterAndTheRules_StoreTheSameRows()
    {
        await using var bulk = await ImportFixture.CreateAsync();
        await using var rules = await ImportFixture.CreateAsync();
        rules.Importer.ForceEfWriter = true;
        foreach (var f in new[] { bulk, rules })
        {
            await f.ImportAsync(f.WriteFile("no-prices.csv", WithoutPrices()));
        }
        var first = (await SnapshotAsync(bulk), await SnapshotAsync(rules));
        foreach (var f in new[] { bulk, rules })
        {
            await f.ImportAsync(f.WriteFile("prices.csv", Sales));
        }

        Assert.Contains("P 90214Z|Item 90214Z|Item 90214Z|", first.Item1); // named after its code, by either path
        Assert.Equal(first.Item2, first.Item1);
        Assert.Equal(await SnapshotAsync(rules), await SnapshotAsync(bulk)); // totals recomputed in SQL as the rule does
        Assert.Contains("O 536365|17850|3|14|37.34|", await SnapshotAsync(bulk));
    }

    /// <summary>
    /// Every stored field of the import's products, customers and orders, by natural keys; amounts without trailing zeros
    /// (PostgreSQL returns numeric(18,4) as 2.5000, SQLite as 2.5).
    /// </summary>
    private static async Task<string> SnapshotAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        var text = new StringBuilder();
        foreach (var p in await db.Products.OrderBy(p => p.Sku).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture,
                $"P {p.Sku}|{p.Name}|{p.Description}|{p.Category}|{p.Brand}|{p.UnitPrice:0.####}|{p.IsActive}|{p.IsNonMerchandise}|{p.IsSensitive}|{p.PictureUrl}|{p.CreatedAt:O}\n");
        }
        foreach (var c in await db.Customers.OrderBy(c => c.CustomerCode).ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture,
                $"C {c.CustomerCode}|{c.Country}|{c.JoinedOn:O}|{c.FirstName}|{c.Email}|{c.PersonalizationOptOut}|{c.HasFictionalProfile}\n");
        }
        foreach (var o in await db.Orders.OrderBy(o => o.InvoiceNumber)
                     .Select(o => new { o.InvoiceNumber, Customer = o.Customer!.CustomerCode, o.LineCount, o.Items, o.Revenue, o.PlacedAt, o.PlacedOn, o.IsCancellation, o.IsAnonymised })
                     .ToListAsync())
        {
            text.Append(CultureInfo.InvariantCulture,
                $"O {o.InvoiceNumber}|{o.Customer}|{o.LineCount}|{o.Items}|{o.Revenue:0.####}|{o.PlacedAt:O}|{o.PlacedOn:O}|{o.IsCancellation}|{o.IsAnonymised}\n");
        }
        return text.ToString();
    }
}
