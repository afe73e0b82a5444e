using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>A catalog's optional "Sensitive" column marks products, audited per product whose mark it changes.</summary>
public class ProductSensitiveImportTests
{
    [Fact]
    public async Task ImportProducts_SensitiveColumn_MarksAndUnmarksProducts_AuditingEachChangeWithTheImport()
    {
        await using var f = await ImportFixture.CreateAsync();

        var first = await f.ImportAsync(f.WriteFile("catalog.csv",
            "SKU,Name,Sensitive\n" +
            "P1,Pregnancy test,yes\n" +
            "P2,Tea mug,no\n" +
            "P3,Herbal tea,perhaps\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 3, 0, 0), first.Upserted);
        Assert.Equal(1, first.Report.CountOf(CleaningRules.UnreadableYesNo));
        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(["P1"], await db.Products.Where(p => p.IsSensitive).Select(p => p.Sku).ToListAsync());
            var p1 = await db.Products.SingleAsync(p => p.Sku == "P1");
            var entry = await db.AuditEntries.SingleAsync(a => a.Action == ProductSensitivity.ChangedAction);
            Assert.Equal((nameof(Product), p1.Id.ToString(), $"marked sensitive by import #{first.BatchId}", "test"),
                (entry.EntityType, entry.EntityId, entry.Details, entry.UserName));
        }

        var second = await f.ImportAsync(f.WriteFile("catalog2.csv", "StockCode,IsSensitive\nP1,no\nP2,no\n"), kind: ImportKind.Products);

        Assert.Equal(new UpsertCounts("products", 0, 1, 1), second.Upserted);
        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(0, await db.Products.CountAsync(p => p.IsSensitive));
            Assert.Equal([$"marked sensitive by import #{first.BatchId}", $"no longer sensitive by import #{second.BatchId}"],
                await db.AuditEntries.Where(a => a.Action == ProductSensitivity.ChangedAction).OrderBy(a => a.Id).Select(a => a.Details!).ToListAsync());
        }
    }
}
