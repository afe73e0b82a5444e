using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Products;

/// <summary>Adds new products and updates stored ones with the values a catalog file gives (through EF: catalogs are thousands of rows, not millions).</summary>
internal static class ProductUpsert
{
    public static async Task<UpsertCounts> WriteAsync(RetailDbContext db, IReadOnlyList<ProductRecord> records, CancellationToken ct)
    {
        var stored = await db.Products.ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, unchanged = 0;
        foreach (var r in records)
        {
            if (!stored.TryGetValue(r.Sku, out var product))
            {
                db.Products.Add(new Product
                {
                    Sku = r.Sku, Name = r.Name ?? $"Item {r.Sku}", Description = r.Name, Category = r.Category, Brand = r.Brand,
                    UnitPrice = r.UnitPrice, IsNonMerchandise = NonMerchandiseCodes.IsNonMerchandise(r.Sku),
                });
                added++;
                continue;
            }
            var update = new FieldUpdate();
            update.Set(r.Name, product.Name, v => { product.Name = v; product.Description = v; });
            update.Set(r.Category, product.Category, v => product.Category = v);
            update.Set(r.Brand, product.Brand, v => product.Brand = v);
            update.Set(r.UnitPrice, product.UnitPrice, v => product.UnitPrice = v);
            if (update.Changed) updated++; else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        return new UpsertCounts("products", added, updated, unchanged);
    }
}
