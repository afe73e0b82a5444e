using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Catalog;

/// <summary>Finds products by SKU or words of their name, for the product lookup at the counter.</summary>
public sealed class ProductSearch(IDbContextFactory<RetailDbContext> contexts)
{
    public sealed record Hit(int Id, string Sku, string Name, string? Category, decimal? UnitPrice, bool IsNonMerchandise, int UnitsSold);

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
                p.Id, p.Sku, p.Name, Category = p.Category ?? p.AutoCategory, p.UnitPrice, p.IsNonMerchandise,
                UnitsSold = db.OrderLines.Where(l => l.ProductId == p.Id).Sum(l => (int?)l.Quantity) ?? 0,
            })
            .OrderByDescending(p => p.UnitsSold).ThenBy(p => p.Name)
            .Take(limit)
            .ToListAsync(ct);
        return rows.Select(p => new Hit(p.Id, p.Sku, p.Name, p.Category, p.UnitPrice, p.IsNonMerchandise, p.UnitsSold)).ToList();
    }
}
