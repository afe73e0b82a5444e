using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// Gives products without a category an automatic one (<see cref="Model.Product.AutoCategory"/>). The first time, the
/// catalog's texts are clustered (<see cref="AutoCategoriser"/>); after that, a product that arrives later joins the
/// category most of its nearest text neighbours are in, so names Admins gave the categories survive.
/// </summary>
public sealed class ProductCategoriser(IDbContextFactory<RetailDbContext> contexts, AuditLog audit)
{
    public const string RenamedAction = "category.renamed";

    /// <param name="SkippedBecause">Why no product was categorised (too little product text), or null.</param>
    public sealed record Outcome(int Categorised, int Categories, bool Reclustered, string? SkippedBecause = null);

    public async Task<Outcome> CategoriseAsync(bool recluster = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var all = await db.Products.Where(p => p.Category == null && !p.IsNonMerchandise)
            .OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Sku, p.Name, p.Description, p.Brand, p.AutoCategory })
            .ToListAsync(ct);
        // Only products with words are grouped by them: a product known by its code alone keeps no automatic category,
        // and a catalog with (almost) no text gets none at all rather than groups of meaningless codes.
        var texts = all.Select(p => ProductText.Of(p.Sku, p.Name, p.Description, null, p.Brand)).ToList();
        if (all.Count > 0 && ProductText.TooLittle(texts, ProductText.MinimumForCategories) is { } reason)
        {
            return new Outcome(0, 0, false, $"No automatic categories: {reason}.");
        }
        var products = all.Where((_, i) => texts[i].Length > 0).ToList();
        var missing = products.Count(p => p.AutoCategory is null);
        if (products.Count == 0 || (missing == 0 && !recluster))
        {
            return new Outcome(0, 0, false);
        }
        var features = TextFeatures.Build(products.Select(p => ProductText.Of(p.Sku, p.Name, p.Description, null, p.Brand)).ToList());
        var full = recluster || products.All(p => p.AutoCategory is null);
        string[] assigned;
        if (full)
        {
            assigned = [.. AutoCategoriser.Categorise(features).CategoryOfText];
        }
        else
        {
            var neighbours = features.NearestNeighbours(10, ct);
            assigned = products.Select((p, i) => p.AutoCategory ?? neighbours.Items[i]
                .Select(j => products[j].AutoCategory).OfType<string>()
                .GroupBy(c => c).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault() ?? "Other").ToArray();
        }
        var changed = 0;
        var changes = products.Select((p, i) => (p.Id, Old: p.AutoCategory, New: assigned[i])).Where(x => x.Old != x.New).ToList();
        if (changes.Count > 0)
        {
            // The categories and the mark that the dashboard's category rollup is behind them commit together.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await MarkCategoriesChangedAsync(db, ct);
            foreach (var group in changes.GroupBy(x => x.New))
            {
                var ids = group.Select(x => x.Id).ToList();
                changed += await db.Products.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.AutoCategory, group.Key), ct);
            }
            await tx.CommitAsync(ct);
        }
        return new Outcome(changed, assigned.Distinct().Count(), full);
    }

    /// <summary>Automatic categories with their product counts, largest first.</summary>
    public async Task<IReadOnlyList<(string Name, int Products)>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = await db.Products.Where(p => p.Category == null && p.AutoCategory != null)
            .GroupBy(p => p.AutoCategory!).Select(g => new { g.Key, Count = g.Count() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).ToListAsync(ct);
        return rows.Select(r => (r.Key, r.Count)).ToList();
    }

    /// <summary>Renames an automatic category everywhere; audited. Returns how many products now carry the new name.</summary>
    public async Task<int> RenameAsync(string from, string to, StaffActor actor, CancellationToken ct = default)
    {
        to = to.Trim();
        if (to.Length is 0 or > 128)
        {
            throw new ArgumentException("A category name needs 1 to 128 characters.");
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await MarkCategoriesChangedAsync(db, ct);
        var count = await db.Products.Where(p => p.AutoCategory == from).ExecuteUpdateAsync(s => s.SetProperty(p => p.AutoCategory, to), ct);
        if (count == 0)
        {
            throw new InvalidOperationException($"There is no category named '{from}'.");
        }
        await tx.CommitAsync(ct);
        await audit.WriteAsync(actor, RenamedAction, "Category", to, $"from '{from}'", ct);
        return count;
    }

    /// <summary>Bulk updates bypass the context's own marking (RetailDbContext.MarkLabelChanges).</summary>
    private static async Task MarkCategoriesChangedAsync(RetailDbContext db, CancellationToken ct)
    {
        db.RollupLabelChanges.Add(new RollupLabelChange { Label = RollupLabel.ProductCategory });
        await db.SaveChangesAsync(ct);
    }
}
