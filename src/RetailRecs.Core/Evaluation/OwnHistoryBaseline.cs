using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Evaluation;

/// <summary>
/// The repeat track's baseline: the customer's own most-bought products (most orders first, then most units). A model
/// that cannot beat "what they always buy" should not serve replenishment suggestions.
/// </summary>
public sealed class OwnHistoryBaseline : IRecommender
{
    public const string Name = "own-history";

    public string Algorithm => Name;

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) =>
        query.History.Where(h => query.Allows(h.Item))
            .OrderByDescending(h => h.Baskets).ThenByDescending(h => h.Quantity).ThenBy(h => h.Item)
            .Take(max)
            .Select(h => new Candidate(h.Item, h.Baskets, new Evidence(EvidenceKind.BuysRegularly, Count: h.Baskets, Day: h.LastDay)))
            .ToList();
}
