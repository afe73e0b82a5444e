using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// User-based collaborative filtering: the customer's nearest customers by cosine similarity of their time-decayed
/// purchase vectors; an item scores the sum of the similarities of the neighbours who bought it.
/// The model keeps every training customer's vector (that is what it consults at serving time).
/// </summary>
public sealed class UserKnnModel : IRecommender
{
    private readonly HistoryEntry[][] _histories;
    private readonly float[] _norms;
    private readonly int[][] _buyers;
    private readonly float[][] _buyerWeights;

    private UserKnnModel(HistoryEntry[][] histories, int items, int neighbours)
    {
        _histories = histories;
        Neighbours = neighbours;
        _norms = histories.Select(h => (float)Math.Sqrt(h.Sum(e => (double)Weight(e) * Weight(e)))).ToArray();
        // Inverted index item → customers, so finding neighbours touches only customers who share an item. Counted
        // first and filled in place: the champion builds it at every load, over every customer's history.
        var counts = new int[items];
        foreach (var history in histories)
        {
            foreach (var e in history)
            {
                counts[e.Item]++;
            }
        }
        _buyers = new int[items][];
        _buyerWeights = new float[items][];
        for (var i = 0; i < items; i++)
        {
            _buyers[i] = counts[i] == 0 ? [] : new int[counts[i]];
            _buyerWeights[i] = counts[i] == 0 ? [] : new float[counts[i]];
            counts[i] = 0;
        }
        for (var c = 0; c < histories.Length; c++)
        {
            foreach (var e in histories[c])
            {
                var k = counts[e.Item]++;
                _buyers[e.Item][k] = c;
                _buyerWeights[e.Item][k] = Weight(e) / _norms[c];
            }
        }
    }

    /// <summary>Most products of a customer's history used to find their neighbours.</summary>
    public const int ProfileItems = 60;

    public string Algorithm => AlgorithmNames.UserKnn;
    public int Neighbours { get; }

    // Log damping: a customer who bought a product forty times is not forty times as informative about taste.
    private static float Weight(HistoryEntry e) => (float)Math.Log(1 + e.Affinity + e.Baskets);

    public static UserKnnModel Train(TrainingData data, int neighbours = 50) =>
        new(data.Histories.ToArray(), data.ItemCount, neighbours);

    internal int CustomerCount => _histories.Length;
    internal int ItemCount => _buyers.Length;

    /// <summary>A training customer's history as the model sees it (neighbours' purchases).</summary>
    internal HistoryEntry[] HistoryOf(int customer) => _histories[customer];

    /// <summary>
    /// The customer's nearest training customers, most similar first: <see cref="Candidate.Item"/> is the neighbour's
    /// customer index and <see cref="Candidate.Score"/> the cosine similarity. Empty when the query has nothing to compare.
    /// </summary>
    internal IReadOnlyList<Candidate> Nearest(RecommendationQuery query)
    {
        var items = _buyers.Length;
        var own = new Dictionary<int, float>();
        // A customer with hundreds of products is described well enough by the ones they care most about, and each
        // product consulted costs a pass over its buyers: the profile keeps the heaviest ProfileItems.
        foreach (var h in query.History.Count <= ProfileItems ? query.History : query.History.OrderByDescending(Weight).Take(ProfileItems))
        {
            own[h.Item] = Weight(h);
        }
        foreach (var b in query.Basket)
        {
            own[b] = Math.Max(own.GetValueOrDefault(b), 1f);
        }
        if (own.Count == 0)
        {
            return [];
        }
        var norm = (float)Math.Sqrt(own.Values.Sum(w => (double)w * w));
        // Dense dot products over all customers: the inverted index means only customers sharing an item are touched,
        // and the thread's array is cleared at those alone (DenseScratch).
        var dots = DenseScratch<float>.Rent(_histories.Length);
        var touched = ScratchList<int>.Rent();
        foreach (var (item, w) in own)
        {
            if (item < 0 || item >= items)
            {
                continue;
            }
            var buyers = _buyers[item];
            var weights = _buyerWeights[item];
            for (var k = 0; k < buyers.Length; k++)
            {
                var c = buyers[k];
                if (dots[c] == 0)
                {
                    touched.Add(c);
                }
                dots[c] += w * weights[k];
            }
        }
        var nearest = ScratchList<Candidate>.Rent();
        foreach (var c in touched)
        {
            // An erased customer's history is emptied in place (ModelBundle.Forget), but the index built at load still
            // holds their purchases: without this they kept taking a neighbour's place, and counting in "N of 50".
            if (c != query.CustomerIndex && _histories[c].Length > 0)
            {
                nearest.Add(new Candidate(c, dots[c] / norm, default));
            }
        }
        DenseScratch<float>.Return(dots, touched);
        ScratchList<int>.Return(touched);
        var top = TopK.CopyOf(nearest, Neighbours);
        ScratchList<Candidate>.Return(nearest);
        return top;
    }

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) => Recommend(query, max, Nearest(query));

    /// <param name="top">The customer's <see cref="Nearest"/> customers, when the caller already found them.</param>
    internal IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max, IReadOnlyList<Candidate> top)
    {
        var items = _buyers.Length;
        if (top.Count == 0)
        {
            return [];
        }
        var acc = new ScoreAccumulator(items);
        var votes = DenseScratch<int>.Rent(items);
        var voted = ScratchList<int>.Rent();
        foreach (var n in top)
        {
            foreach (var e in _histories[n.Item])
            {
                if (votes[e.Item]++ == 0)
                {
                    voted.Add(e.Item);
                }
            }
        }
        foreach (var n in top)
        {
            foreach (var e in _histories[n.Item])
            {
                acc.Add(e.Item, n.Score, new Evidence(EvidenceKind.SimilarCustomers, Count: votes[e.Item], Share: (float)votes[e.Item] / top.Count));
            }
        }
        DenseScratch<int>.Return(votes, voted);
        ScratchList<int>.Return(voted);
        return acc.Top(max, query.Allows);
    }

    public void Write(BinaryWriter w)
    {
        w.Write(Neighbours);
        w.Write(_buyers.Length);
        // The histories themselves travel in the snapshot every run stores.
    }

    public static UserKnnModel Read(BinaryReader r, HistoryEntry[][] histories)
    {
        var neighbours = r.ReadInt32();
        var items = r.ReadInt32();
        return new UserKnnModel(histories, items, neighbours);
    }
}
