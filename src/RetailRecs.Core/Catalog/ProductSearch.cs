using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Catalog;

/// <summary>Finds products by SKU or words of their name, for the product lookup at the counter, and reads what the catalog says of them.</summary>
public sealed class ProductSearch(IDbContextFactory<RetailDbContext> contexts)
{
    /// <param name="IsSensitive">Never suggested from other people's purchases (Recommendations.Serving.SensitiveProducts).</param>
    public sealed record Hit(int Id, string Sku, string Name, string? Category, decimal? UnitPrice, bool IsNonMerchandise, int UnitsSold, bool IsSensitive = false);

    /// <summary>A product as the catalog describes it now ("Tell me more" on the customer's screen).</summary>
    /// <param name="Category">The catalog's own category; not an automatic one, whose generated name means nothing to a customer.</param>
    /// <param name="Recommendable">Active and not postage or fees: a product a screen may offer.</param>
    /// <param name="PictureUrl">The catalog's picture of the product, when it has one.</param>
    public sealed record Details(int Id, string Sku, string Name, string? Description, string? Category, string? Brand, decimal? UnitPrice,
        bool IsSensitive, bool Recommendable, string? PictureUrl = null);

    /// <summary>The catalog's entries for these products (ids it does not know are left out), in one query.</summary>
    public async Task<IReadOnlyDictionary<int, Details>> DetailsAsync(IReadOnlyCollection<int> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<int, Details>();
        }
        var wanted = ids.Distinct().ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Products.AsNoTracking().Where(p => wanted.Contains(p.Id))
            .Select(p => new Details(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Brand, p.UnitPrice, p.IsSensitive,
                p.IsActive && !p.IsNonMerchandise, p.PictureUrl))
            .ToDictionaryAsync(d => d.Id, ct);
    }

    /// <summary>
    /// The active product whose SKU is exactly the code (in any case), or null: what a barcode scanner at the counter
    /// stands for. One indexed lookup, so it answers before a search by name would.
    /// </summary>
    public async Task<Hit?> ExactAsync(string? code, CancellationToken ct = default)
    {
        var sku = (code ?? "").Trim();
        if (sku.Length == 0)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        // SKUs are unique whatever their case (the import compares them so); the exact spelling is tried first.
        var upper = sku.ToUpperInvariant();
        var product = await db.Products.AsNoTracking().Where(p => p.IsActive && p.Sku == sku).FirstOrDefaultAsync(ct)
            ?? await db.Products.AsNoTracking().Where(p => p.IsActive && p.Sku.ToUpper() == upper).FirstOrDefaultAsync(ct);
        return product is null ? null
            : new Hit(product.Id, product.Sku, product.Name, product.Category ?? product.AutoCategory, product.UnitPrice, product.IsNonMerchandise,
                UnitsSold: 0, product.IsSensitive); // not counted: a scan needs the product, not its sales
    }

    /// <summary>Products whose SKU starts with the text or whose name contains every word of it, best sellers first.</summary>
    public async Task<IReadOnlyList<Hit>> SearchAsync(string? text, int limit = 50, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var query = db.Products.AsNoTracking().Where(p => p.IsActive);
        var words = (text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 1)
        {
            var word = words[0].ToUpper();
            query = query.Where(p => p.Sku.ToUpper().StartsWith(word) || p.Name.ToUpper().Contains(word));
        }
        else
        {
            foreach (var w in words)
            {
                var word = w.ToUpper();
                query = query.Where(p => p.Name.ToUpper().Contains(word));
            }
        }
        var rows = await query
            .Select(p => new
            {
                p.Id, p.Sku, p.Name, Category = p.Category ?? p.AutoCategory, p.UnitPrice, p.IsNonMerchandise, p.IsSensitive,
                UnitsSold = db.OrderLines.Where(l => l.ProductId == p.Id).Sum(l => (int?)l.Quantity) ?? 0,
            })
            .OrderByDescending(p => p.UnitsSold).ThenBy(p => p.Name)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(p => new Hit(p.Id, p.Sku, p.Name, p.Category, p.UnitPrice, p.IsNonMerchandise, p.UnitsSold, p.IsSensitive)).ToList();
    }
}
