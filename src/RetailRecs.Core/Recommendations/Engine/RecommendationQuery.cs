using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// What a model is asked to score: a customer's history (empty for an anonymous customer), items in the basket,
/// and the day to reckon recency from.
/// </summary>
public sealed record RecommendationQuery(IReadOnlyList<HistoryEntry> History, IReadOnlyList<int> Basket, int Today, int CustomerIndex = -1)
{
    public static RecommendationQuery Anonymous(int today) => new([], [], today);

    public bool IsEmpty => History.Count == 0 && Basket.Count == 0;
}
