namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Keeps one kind of product from filling a list: at most <see cref="MaxPerCategory"/> items of a category and
/// <see cref="MaxPerFamily"/> of a "family" (the same name but the first word, which in retail catalogs is usually
/// the colour or variant: PINK / GREEN / ROSES REGENCY TEACUP AND SAUCER). When the caps leave the list short,
/// the skipped items fill it in their original order.
/// </summary>
public sealed record DiversityRules(int MaxPerCategory = 3, int MaxPerFamily = 2)
{
    public static DiversityRules Default { get; } = new();
    public static DiversityRules None { get; } = new(int.MaxValue, int.MaxValue);

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
