namespace RetailRecs.Core.Segmentation;

/// <summary>
/// Names K-means segments in the words managers already use: the RFM grid name of the segment's median R and F scores
/// ("Champions", "At risk", "Hibernating"…), and, where two segments would share a name, the trait that sets each
/// apart ("Champions · big baskets").
/// </summary>
public static class SegmentNamer
{
    /// <param name="Behaviour">Mean standardised behaviour of the members, in <see cref="FeatureEncoder.BehaviourNames"/> order.</param>
    /// <param name="CategoryLift">The category the segment over-buys most, and its share relative to everyone's.</param>
    /// <param name="MedianTenureDays">Days since the members' first purchase (median).</param>
    public sealed record Profile(double MedianR, double MedianF, IReadOnlyList<double> Behaviour, string? Category, double CategoryLift,
        double MedianTenureDays = double.MaxValue);

    /// <summary>A segment whose members mostly made their first purchase this recently, and rarely since, is "New customers".</summary>
    public const int NewWithinDays = 60;

    // Behaviour slots the traits read (FeatureEncoder order).
    private const int Monetary = 2, BasketItems = 3, ReturnRate = 5, Tenure = 6;
    private const double Notable = 0.5;

    public static IReadOnlyList<string> Name(IReadOnlyList<Profile> segments)
    {
        // The grid scores recency against the rest of the base, so a newcomer may score R = 4 beside more recent regulars;
        // tenure says what the grid cannot: they only just arrived.
        var names = segments.Select(s => s.MedianTenureDays <= NewWithinDays && s.MedianF <= 2
            ? "New customers"
            : RfmScores.NameOf((int)Math.Round(s.MedianR, MidpointRounding.AwayFromZero), (int)Math.Round(s.MedianF, MidpointRounding.AwayFromZero))).ToArray();
        foreach (var group in names.Select((name, i) => (name, i)).GroupBy(x => x.name).Where(g => g.Count() > 1).ToList())
        {
            foreach (var (name, i) in group)
            {
                names[i] = Trait(segments[i]) is { } trait ? $"{name} · {trait}" : name;
            }
        }
        // Whatever still collides gets a number, so every segment can be told apart in a list.
        foreach (var group in names.Select((name, i) => (name, i)).GroupBy(x => x.name).Where(g => g.Count() > 1).ToList())
        {
            var n = 1;
            foreach (var (name, i) in group)
            {
                names[i] = $"{name} ({n++})";
            }
        }
        return names;
    }

    /// <summary>The segment's most distinctive trait in plain words, or null when nothing stands out.</summary>
    public static string? Trait(Profile s)
    {
        var traits = new List<(double Strength, string Words)>
        {
            (s.Behaviour[Monetary], "big spenders"),
            (-s.Behaviour[Monetary], "low spend"),
            (s.Behaviour[BasketItems], "big baskets"),
            (-s.Behaviour[BasketItems], "small baskets"),
            (s.Behaviour[ReturnRate], "frequent returns"),
            (-s.Behaviour[Tenure], "recent joiners"),
            (s.Behaviour[Tenure], "long-standing"),
        };
        if (s.Category is { } category)
        {
            traits.Add((s.CategoryLift - 1, CategoryTrait(category)));
        }
        var best = traits.MaxBy(t => t.Strength);
        return best.Strength >= Notable ? best.Words : null;
    }

    /// <summary>
    /// A category in a name. Automatic categories are named by their commonest words ("Heart / Small / Zinc"), which
    /// read as nonsense with "fans" after them: those become "keen on heart, small and zinc items".
    /// </summary>
    public static string CategoryTrait(string category)
    {
        var words = category.Split(" / ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant()).ToList();
        return words.Count <= 1
            ? $"{category} fans"
            : $"keen on {string.Join(", ", words[..^1])} and {words[^1]} items";
    }
}
