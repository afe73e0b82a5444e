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
public sealed class PersonalFrequencyModel : IRecommender
{
    public const string Name = "personal-knn";

    /// <summary>The customer's own frequency against their neighbours' (TIFU-KNN's α; 0.7–0.9 in the paper's data sets).</summary>
    public const float DefaultOwnWeight = 0.8f;

    private readonly UserKnnModel _neighbours;
    private readonly float _ownWeight;
    /// <summary>Each training customer's total frequency, counted once: every query divides by its neighbours' totals.</summary>
    private readonly float[] _totals;

    public PersonalFrequencyModel(UserKnnModel neighbours, float ownWeight = DefaultOwnWeight)
    {
        _neighbours = neighbours;
        _ownWeight = ownWeight;
        _totals = new float[neighbours.CustomerCount];
        for (var c = 0; c < _totals.Length; c++)
        {
            _totals[c] = Total(neighbours.HistoryOf(c));
        }
    }

    public string Algorithm => Name;

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) => Recommend(query, max, _neighbours.Nearest(query));

    /// <param name="nearest">The customer's nearest customers from the user-based model, when the caller already found them.</param>
    internal IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max, IReadOnlyList<Candidate> nearest)
    {
        if (query.History.Count == 0 && query.Basket.Count == 0)
        {
            return [];
        }
        // Dense per-item sums (a query touches a few thousand entries of its neighbours' histories: arrays, not a dictionary).
        var items = _neighbours.ItemCount;
        foreach (var h in query.History)
        {
            items = Math.Max(items, h.Item + 1);
        }
        // The thread's arrays (DenseScratch), cleared at the touched items alone when the query is done.
        var scores = DenseScratch<float>.Rent(items);
        var votes = DenseScratch<int>.Rent(items);
        var own = DenseScratch<bool>.Rent(items);
        var touched = ScratchList<int>.Rent();
        var ownTotal = Total(query.History);
        foreach (var h in query.History)
        {
            scores[h.Item] = _ownWeight * h.Affinity / ownTotal;
            if (!own[h.Item])
            {
                own[h.Item] = true;
                touched.Add(h.Item);
            }
        }

        var similarity = nearest.Sum(n => n.Score);
        if (similarity > 0)
        {
            foreach (var n in nearest)
            {
                var theirs = _neighbours.HistoryOf(n.Item);
                // An erased customer's history is emptied after training: it then adds nothing (its total no longer matters).
                var weight = (1 - _ownWeight) * n.Score / similarity / _totals[n.Item];
                foreach (var e in theirs)
                {
                    if (votes[e.Item]++ == 0 && !own[e.Item])
                    {
                        touched.Add(e.Item);
                    }
                    scores[e.Item] += weight * e.Affinity;
                }
            }
        }

        var history = query.History.Count == 0 ? null : new Dictionary<int, HistoryEntry>(query.History.Count);
        foreach (var h in query.History)
        {
            history![h.Item] = h;
        }
        var candidates = ScratchList<Candidate>.Rent();
        foreach (var item in touched)
        {
            if (scores[item] > 0 && query.Allows(item))
            {
                var evidence = own[item]
                    ? new Evidence(EvidenceKind.BuysRegularly, item, Count: history![item].Baskets, Day: history[item].LastDay)
                    : new Evidence(EvidenceKind.SimilarCustomers, Count: votes[item], Share: (float)votes[item] / nearest.Count);
                candidates.Add(new Candidate(item, scores[item], evidence));
            }
        }
        DenseScratch<float>.Return(scores, touched);
        DenseScratch<int>.Return(votes, touched);
        DenseScratch<bool>.Return(own, touched);
        ScratchList<int>.Return(touched);
        var top = TopK.CopyOf(candidates, max);
        ScratchList<Candidate>.Return(candidates);
        return top;
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
