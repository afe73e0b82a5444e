namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// What a model is asked to score: a customer's history (empty for an anonymous customer), items in the basket,
/// and the day to reckon recency from. With <see cref="NewItemsOnly"/> (discovery), models skip what the customer
/// already bought rather than spend their list on it.
/// </summary>
public sealed record RecommendationQuery(IReadOnlyList<HistoryEntry> History, IReadOnlyList<int> Basket, int Today, int CustomerIndex = -1,
    bool NewItemsOnly = false)
{
    private HashSet<int>? _bought;

    /// <summary>True when a candidate may be returned: always in replenishment mode, only if never bought in discovery mode.</summary>
    public bool Allows(int item)
    {
        if (!NewItemsOnly)
        {
            return true;
        }
        _bought ??= [.. History.Select(h => h.Item)];
        return !_bought.Contains(item);
    }

    public static RecommendationQuery Anonymous(int today) => new([], [], today);

    public bool IsEmpty => History.Count == 0 && Basket.Count == 0;
}
