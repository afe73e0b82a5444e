using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// What the customer buys again, in the style of TIFU-KNN (Hu et al., "Modeling Personalized Item Frequency Information
/// for Next-basket Recommendation", SIGIR 2020): the customer's own time-decayed purchase frequency of each product,
/// blended with the same frequencies of their nearest customers. On repeat purchases this is the strong simple rule a
/// learned model has to beat ("what they always buy", weighted to what they bought lately, with ties broken by what
/// customers like them keep buying); the hybrid reads its score as one of its signals.
/// </summary>
/// <remarks>
/// The frequency is <see cref="HistoryEntry.Affinity"/> (each order counts 1 on its day, halving every half-life), as a
/// share of the customer's total, so a customer who buys a lot and one who buys little weigh the same in a blend.
/// Neighbours come from the user-based model (cosine over purchase vectors) and weigh by their similarity.
/// </remarks>
public sealed class PersonalFrequencyModel(UserKnnModel neighbours, float ownWeight = PersonalFrequencyModel.DefaultOwnWeight) : IRecommender
{
    public const string Name = "personal-knn";

    /// <summary>The customer's own frequency against their neighbours' (TIFU-KNN's α; 0.7–0.9 in the paper's data sets).</summary>
    public const float DefaultOwnWeight = 0.8f;

    public string Algorithm => Name;

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) => Recommend(query, max, neighbours.Nearest(query));

    /// <param name="nearest">The customer's nearest customers from the user-based model, when the caller already found them.</param>
    internal IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max, IReadOnlyList<Candidate> nearest)
    {
        if (query.History.Count == 0 && query.Basket.Count == 0)
        {
            return [];
        }
        var scores = new Dictionary<int, (float Score, Evidence Evidence)>();
        var own = Total(query.History);
        foreach (var h in query.History)
        {
            scores[h.Item] = (ownWeight * h.Affinity / own, new Evidence(EvidenceKind.BuysRegularly, h.Item, Count: h.Baskets, Day: h.LastDay));
        }

        var similarity = nearest.Sum(n => n.Score);
        if (similarity > 0)
        {
            var votes = new Dictionary<int, int>();
            foreach (var n in nearest)
            {
                var history = neighbours.HistoryOf(n.Item);
                var total = Total(history);
                var weight = (1 - ownWeight) * n.Score / similarity / total;
                foreach (var e in history)
                {
                    votes[e.Item] = votes.GetValueOrDefault(e.Item) + 1;
                    var (score, evidence) = scores.GetValueOrDefault(e.Item);
                    scores[e.Item] = (score + weight * e.Affinity, evidence);
                }
            }
            foreach (var (item, count) in votes)
            {
                if (scores[item].Evidence.Kind != EvidenceKind.BuysRegularly)
                {
                    scores[item] = scores[item] with
                    {
                        Evidence = new Evidence(EvidenceKind.SimilarCustomers, Count: count, Share: (float)count / nearest.Count),
                    };
                }
            }
        }

        var candidates = new List<Candidate>(scores.Count);
        foreach (var (item, (score, evidence)) in scores)
        {
            if (score > 0 && query.Allows(item))
            {
                candidates.Add(new Candidate(item, score, evidence));
            }
        }
        return TopK.Of(candidates, max);
    }

    private static float Total(IReadOnlyList<HistoryEntry> history)
    {
        var total = 0f;
        foreach (var h in history)
        {
            total += h.Affinity;
        }
        return Math.Max(total, 1e-6f);
    }
}
