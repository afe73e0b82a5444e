using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Products;

/// <summary>Adds new products and updates stored ones with the values a catalog file gives (through EF: catalogs are thousands of rows, not millions).</summary>
internal static class ProductUpsert
{
    /// <param name="importBatchId">The file's import, named in the audit entry of each product whose sensitive or fee mark it changes.</param>
    /// <param name="importedBy">Who imported the file, as the import history names them.</param>
    public static async Task<UpsertCounts> WriteAsync(RetailDbContext db, IReadOnlyList<ProductRecord> records, int importBatchId, string importedBy,
        CancellationToken ct)
    {
        var stored = await db.Products.ToDictionaryAsync(p => p.Sku, StringComparer.Ordinal, ct);
        int added = 0, updated = 0, unchanged = 0;
        var marked = new List<Product>();
        var fees = new List<Product>();
        foreach (var r in records)
        {
            if (!stored.TryGetValue(r.Sku, out var product))
            {
                product = ProductRule.New(r.Sku, r.Name);
                product.Category = r.Category;
                product.Brand = r.Brand;
                product.PictureUrl = r.PictureUrl;
                product.UnitPrice = r.UnitPrice;
                product.IsSensitive = r.Sensitive == true;
                // Without the column the code or name decides (ProductRule); with it, the file does.
                if (r.NonMerchandise is { } fee && fee != product.IsNonMerchandise)
                {
                    product.IsNonMerchandise = fee;
                    fees.Add(product);
                }
                db.Products.Add(product);
                if (product.IsSensitive) marked.Add(product);
                added++;
                continue;
            }
            var update = new FieldUpdate();
            update.Set(r.Name, product.Name, v => { product.Name = v; product.Description = v; });
            update.Set(r.Category, product.Category, v => product.Category = v);
            update.Set(r.Brand, product.Brand, v => product.Brand = v);
            update.Set(r.PictureUrl, product.PictureUrl, v => product.PictureUrl = v);
            update.Set(r.UnitPrice, product.UnitPrice, v => product.UnitPrice = v);
            var sensitivityChanged = r.Sensitive is { } sensitive && sensitive != product.IsSensitive;
            if (sensitivityChanged)
            {
                product.IsSensitive = r.Sensitive!.Value;
                marked.Add(product);
            }
            // The context marks the dashboard's category rows for a rebuild when the flag changes (RollupLabelChange).
            var feeChanged = r.NonMerchandise is { } nonMerchandise && nonMerchandise != product.IsNonMerchandise;
            if (feeChanged)
            {
                product.IsNonMerchandise = r.NonMerchandise!.Value;
                fees.Add(product);
            }
            if (update.Changed || sensitivityChanged || feeChanged) updated++; else unchanged++;
        }
        await db.SaveChangesAsync(ct);
        // A change of the sensitive mark is audited as on the Products page, one entry per product (a catalog marks few).
        var actor = new StaffActor(null, importedBy);
        db.AuditEntries.AddRange(marked.Select(p => AuditLog.Entry(actor, ProductSensitivity.ChangedAction, nameof(Product),
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{(p.IsSensitive ? "marked sensitive" : "no longer sensitive")} by import #{importBatchId}")));
        db.AuditEntries.AddRange(fees.Select(p => AuditLog.Entry(actor, ProductMerchandise.ChangedAction, nameof(Product),
            p.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{ProductMerchandise.Details(p.IsNonMerchandise)} by import #{importBatchId}")));
        await db.SaveChangesAsync(ct);
        return new UpsertCounts("products", added, updated, unchanged);
    }
}
