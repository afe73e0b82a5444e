using System.Runtime.CompilerServices;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>How the category cap is applied: the evaluation compares the three to measure what the cap costs.</summary>
public enum DiversityMode
{
    /// <summary>The cap applies to every category except those too broad for it (see <see cref="DiversityRules.For"/>).</summary>
    Adaptive,
    /// <summary>At most <see cref="DiversityRules.MaxPerCategory"/> per category, whatever its size.</summary>
    Fixed,
    /// <summary>No category or family cap.</summary>
    None,
}

/// <summary>
/// Keeps one kind of product from filling a list: at most <see cref="MaxPerCategory"/> items of a category and
/// <see cref="MaxPerFamily"/> of a "family" (the same name but the first word, which in retail catalogs is usually
/// the colour or variant: PINK / GREEN / ROSES REGENCY TEACUP AND SAUCER). When the caps leave the list short,
/// the skipped items fill it in their original order. Categories in <see cref="Uncapped"/> are not capped.
/// </summary>
public sealed record DiversityRules(int MaxPerCategory = 3, int MaxPerFamily = 2)
{
    public static DiversityRules Default { get; } = new();
    public static DiversityRules None { get; } = new(int.MaxValue, int.MaxValue);

    private static readonly ConditionalWeakTable<IReadOnlyList<CatalogItem>, Dictionary<string, double>> Shares = [];

    /// <summary>Categories the category cap leaves alone (too broad to say anything about variety).</summary>
    public IReadOnlySet<string> Uncapped { get; init; } = new HashSet<string>();

    /// <summary>
    /// The caps for lists of <paramref name="count"/> drawn from <paramref name="items"/>. In adaptive mode a category
    /// holding a larger share of the recommendable catalog than the cap allows of a list (3 of 10: 30%) is not capped:
    /// even a list drawn at random would hold more of it, so capping it only pushes the best items out. That is what an
    /// automatic categoriser produces on a small catalog (a grocer's 167 products: one category of 102), and what a
    /// retailer's own "Grocery" or "Womenswear" is; the family cap still applies.
    /// </summary>
    public static DiversityRules For(IReadOnlyList<CatalogItem> items, int count, DiversityMode mode = DiversityMode.Adaptive)
    {
        if (mode == DiversityMode.None)
        {
            return None;
        }
        if (mode == DiversityMode.Fixed || count <= 0)
        {
            return Default;
        }
        var threshold = (double)Default.MaxPerCategory / count;
        var broad = CategoryShares(items).Where(kv => kv.Value > threshold).Select(kv => kv.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return broad.Count == 0 ? Default : Default with { Uncapped = broad };
    }

    /// <summary>Each category's share of the recommendable products, worked out once per catalog snapshot.</summary>
    public static IReadOnlyDictionary<string, double> CategoryShares(IReadOnlyList<CatalogItem> items) =>
        Shares.GetValue(items, list =>
        {
            var recommendable = list.Where(i => i.Recommendable).ToList();
            return recommendable.Where(i => i.Category is not null)
                .GroupBy(i => i.Category!, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => (double)g.Count() / recommendable.Count, StringComparer.OrdinalIgnoreCase);
        });

    public static string FamilyOf(string name)
    {
        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (words.Length >= 3 ? string.Join(' ', words.Skip(1)) : string.Join(' ', words)).ToUpperInvariant();
    }

    /// <summary>The first <paramref name="count"/> of <paramref name="ranked"/> within the caps, best first.</summary>
    public List<T> Apply<T>(IEnumerable<T> ranked, int count, Func<T, string?> category, Func<T, string> name)
    {
        var chosen = new List<T>(count);
        var skipped = new List<T>();
        var perCategory = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var perFamily = new Dictionary<string, int>();
        foreach (var item in ranked)
        {
            if (chosen.Count == count)
            {
                break;
            }
            var cat = category(item);
            if (cat is not null && Uncapped.Contains(cat))
            {
                cat = null;
            }
            var family = FamilyOf(name(item));
            if ((cat is not null && perCategory.GetValueOrDefault(cat) >= MaxPerCategory) || perFamily.GetValueOrDefault(family) >= MaxPerFamily)
            {
                skipped.Add(item);
                continue;
            }
            chosen.Add(item);
            if (cat is not null)
            {
                perCategory[cat] = perCategory.GetValueOrDefault(cat) + 1;
            }
            perFamily[family] = perFamily.GetValueOrDefault(family) + 1;
        }
        chosen.AddRange(skipped.Take(count - chosen.Count));
        return chosen;
    }
}
