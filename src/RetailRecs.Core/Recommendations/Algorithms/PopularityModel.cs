using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Non-personalised lists: best sellers (distinct buyers over the window) or trending (each purchase weighted by how
/// recent it is, with a short half-life). The fallback for every other model and the list opted-out customers get.
/// </summary>
public sealed class PopularityModel : IRecommender
{
    /// <summary>How far back "recent" reaches in a trending reason.</summary>
    public const int RecentDays = 30;

    private readonly Candidate[] _ranked;

    private PopularityModel(string algorithm, Candidate[] ranked)
    {
        Algorithm = algorithm;
        _ranked = ranked;
    }

    public string Algorithm { get; }

    /// <summary>Popularity score per item (0 when never bought): the hybrid model's feature.</summary>
    public float[] ScoreByItem(int items)
    {
        var scores = new float[items];
        foreach (var c in _ranked)
        {
            scores[c.Item] = c.Score;
        }
        return scores;
    }

    /// <param name="trendingHalfLifeDays">Half-life of a purchase's weight in the trending list.</param>
    public static PopularityModel Train(TrainingData data, bool trending, double trendingHalfLifeDays = 14)
    {
        // Buyers are counted once per customer; each guest basket counts as one buyer.
        var buyers = new HashSet<(int, int)>[data.ItemCount];
        var recentBuyers = new HashSet<(int, int)>[data.ItemCount];
        var decayed = new float[data.ItemCount];
        foreach (var p in data.Purchases)
        {
            var who = p.Customer >= 0 ? (0, p.Customer) : (1, p.Basket);
            (buyers[p.Item] ??= []).Add(who);
            if (data.LastDay - p.Day < RecentDays)
            {
                (recentBuyers[p.Item] ??= []).Add(who);
            }
            decayed[p.Item] += TrainingData.Decay(data.LastDay - p.Day, trendingHalfLifeDays);
        }
        var ranked = new List<Candidate>();
        for (var i = 0; i < data.ItemCount; i++)
        {
            if (buyers[i] is null)
            {
                continue;
            }
            ranked.Add(trending
                ? new Candidate(i, decayed[i], new Evidence(EvidenceKind.Trending, Count: recentBuyers[i]?.Count ?? 0))
                : new Candidate(i, buyers[i].Count, new Evidence(EvidenceKind.BestSeller, Count: buyers[i].Count)));
        }
        return new PopularityModel(trending ? AlgorithmNames.Trending : AlgorithmNames.Popularity,
            TopK.Of(ranked, ranked.Count).ToArray());
    }

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) => _ranked.Where(c => query.Allows(c.Item)).Take(max).ToList();

    /// <summary>All ranked items, best first (the serving layer filters by category, segment or rules).</summary>
    public IReadOnlyList<Candidate> Ranked => _ranked;

    public void Write(BinaryWriter w)
    {
        w.Write(Algorithm);
        w.Write(_ranked.Length);
        foreach (var c in _ranked)
        {
            w.Write(c.Item);
            w.Write(c.Score);
            w.Write((int)c.Evidence.Kind);
            w.Write(c.Evidence.Count);
        }
    }

    public static PopularityModel Read(BinaryReader r)
    {
        var algorithm = r.ReadString();
        var ranked = new Candidate[r.ReadInt32()];
        for (var k = 0; k < ranked.Length; k++)
        {
            ranked[k] = new Candidate(r.ReadInt32(), r.ReadSingle(), new Evidence((EvidenceKind)r.ReadInt32(), Count: r.ReadInt32()));
        }
        return new PopularityModel(algorithm, ranked);
    }
}
