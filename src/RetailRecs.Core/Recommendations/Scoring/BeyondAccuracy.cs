namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>What the lists are like beyond hitting the truth: how much of the catalog they use, how unexpected and how varied they are.</summary>
public static class BeyondAccuracy
{
    /// <summary>Share of the recommendable catalog that appears in at least one list.</summary>
    public static double Coverage(IEnumerable<IReadOnlyList<int>> lists, int recommendableItems) =>
        recommendableItems == 0 ? 0 : (double)lists.SelectMany(l => l).Distinct().Count() / recommendableItems;

    /// <summary>
    /// Mean self-information of the suggested items, −log2 of the share of training customers who bought each
    /// (add-one smoothed, so an item nobody bought is finite): higher means less obvious suggestions.
    /// </summary>
    public static double Novelty(IReadOnlyList<int> list, IReadOnlyList<int> buyersByItem, int customers) =>
        list.Count == 0 ? 0 : list.Average(i => -Math.Log2((buyersByItem[i] + 1.0) / (customers + 1.0)));

    /// <summary>
    /// Intra-list diversity: the mean distance over all pairs of the list, two items being at distance 1 when their
    /// categories differ (or either has none) and 0 when they share one. 0 for a list of fewer than two items.
    /// </summary>
    public static double IntraListDiversity(IReadOnlyList<int> list, Func<int, string?> category)
    {
        if (list.Count < 2)
        {
            return 0;
        }
        var pairs = 0;
        var distance = 0;
        for (var a = 0; a < list.Count; a++)
        {
            for (var b = a + 1; b < list.Count; b++)
            {
                pairs++;
                var ca = category(list[a]);
                var cb = category(list[b]);
                distance += ca is null || cb is null || !string.Equals(ca, cb, StringComparison.Ordinal) ? 1 : 0;
            }
        }
        return (double)distance / pairs;
    }
}
