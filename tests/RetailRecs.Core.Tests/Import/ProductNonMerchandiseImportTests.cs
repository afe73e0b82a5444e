using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// A catalog's optional fee column ("NonMerchandise", "IsFee"…) marks fees, postage and vouchers the codes list misses
/// and clears a mark the list got wrong, audited per product whose mark it changes; without the column the list decides.
/// </summary>
public class ProductNonMerchandiseImportTests
{
    [Fact]
    public async Task ImportProducts_FeeColumn_MarksAndClearsNonMerchandise_AuditingEachChangeWithTheImport()
    {
        await using var f = await ImportFixture.CreateAsync();

        var first = await f.ImportAsync(f.WriteFile("catalog.csv",
            "SKU,Name,IsFee\n" +
            "PORTO,Porto und Verpackung,yes\n" +
            "POST,Postage stamp album,no\n" +
            "P3,Tea mug,\n" +
            "P4,Herbal tea,perhaps\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 4, 0, 0), first.Upserted);
        Assert.Equal(1, first.Report.CountOf(CleaningRules.UnreadableYesNo));
        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(["PORTO"], await db.Products.Where(p => p.IsNonMerchandise).Select(p => p.Sku).ToListAsync());
            Assert.Equal([$"marked not merchandise (fee, postage or voucher) by import #{first.BatchId}", $"merchandise again by import #{first.BatchId}"],
                await db.AuditEntries.Where(a => a.Action == ProductMerchandise.ChangedAction).OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync());
        }

        var second = await f.ImportAsync(f.WriteFile("catalog2.csv", "StockCode,IsNonMerchandise\nPORTO,no\nP3,no\n"), kind: ImportKind.Products);
        var third = await f.ImportAsync(f.WriteFile("catalog3.csv", "SKU,Name\nDOT,Dotcom postage\nP3,Tea mug\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 0, 1, 1), second.Upserted);
        Assert.Equal(new UpsertCounts("products", 1, 0, 1), third.Upserted);
        await using (var db = f.Database.CreateContext())
        {
            // DOT is on the codes list: without a column the list decides, as for a product first met on a sales line.
            Assert.Equal(["DOT"], await db.Products.Where(p => p.IsNonMerchandise).Select(p => p.Sku).ToListAsync());
            Assert.Equal(3, await db.AuditEntries.CountAsync(a => a.Action == ProductMerchandise.ChangedAction));
            Assert.Equal($"merchandise again by import #{second.BatchId}",
                await db.AuditEntries.Where(a => a.Action == ProductMerchandise.ChangedAction).OrderBy(a => a.Id).Select(a => a.Details).LastAsync());
        }
    }

    /// <summary>A column headed "Fee" holds an amount (a €1 deposit), not a yes or no: it is not read as the mark.</summary>
    [Fact]
    public async Task ImportProducts_FeeAmountColumn_IsNotTheMark()
    {
        await using var f = await ImportFixture.CreateAsync();

        var imported = await f.ImportAsync(f.WriteFile("catalog.csv", "SKU,Name,Fee\nJAR,Deposit jar,1\nPOST,Postage,0\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 2, 0, 0), imported.Upserted);
        await using var db = f.Database.CreateContext();
        Assert.Equal(["POST"], await db.Products.Where(p => p.IsNonMerchandise).Select(p => p.Sku).ToListAsync()); // the codes list decides
    }
}
