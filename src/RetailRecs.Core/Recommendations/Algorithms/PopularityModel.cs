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
        var counts = Count(data, trendingHalfLifeDays);
        return trending ? Trending(counts) : BestSellers(counts);
    }

    /// <summary>Best sellers and trending from one count of the sales (each list alone counted everything both need).</summary>
    public static (PopularityModel BestSellers, PopularityModel Trending) TrainBoth(TrainingData data, double trendingHalfLifeDays = 14)
    {
        var counts = Count(data, trendingHalfLifeDays);
        return (BestSellers(counts), Trending(counts));
    }

    /// <summary>Per item: distinct buyers, distinct buyers in the last <see cref="RecentDays"/> days, time-decayed purchases.</summary>
    private sealed record Counts(int[] Buyers, int[] RecentBuyers, float[] Decayed);

    private static PopularityModel BestSellers(Counts counts) => Rank(AlgorithmNames.Popularity, counts,
        i => new Candidate(i, counts.Buyers[i], new Evidence(EvidenceKind.BestSeller, Count: counts.Buyers[i])));

    private static PopularityModel Trending(Counts counts) => Rank(AlgorithmNames.Trending, counts,
        i => new Candidate(i, counts.Decayed[i], new Evidence(EvidenceKind.Trending, Count: counts.RecentBuyers[i])));

    private static PopularityModel Rank(string algorithm, Counts counts, Func<int, Candidate> candidate)
    {
        var ranked = new List<Candidate>();
        for (var i = 0; i < counts.Buyers.Length; i++)
        {
            if (counts.Buyers[i] > 0)
            {
                ranked.Add(candidate(i));
            }
        }
        return new PopularityModel(algorithm, TopK.Of(ranked, ranked.Count).ToArray());
    }

    /// <summary>
    /// Buyers are counted once per customer; each guest basket counts as one buyer. The purchases are grouped by buyer
    /// (a counting sort of their positions) and each item is marked with the last buyer counted for it: a set of buyers
    /// per item, as before, took seconds and hundreds of megabytes on a chain's sales, and a training counts four times.
    /// </summary>
    private static Counts Count(TrainingData data, double trendingHalfLifeDays)
    {
        var items = data.ItemCount;
        var all = PurchasesBefore.Span(data.Purchases, out var end);
        var decay = TrainingData.DecayByAge(data.LastDay - data.FirstDay, trendingHalfLifeDays);
        var customers = data.CustomerCount;
        var decayed = new float[items];
        foreach (var p in all)
        {
            if (p.Day < end)
            {
                // In the purchases' order, as the sums were always made (a float sum depends on its order).
                var age = data.LastDay - p.Day;
                decayed[p.Item] += age >= 0 && age < decay.Length ? decay[age] : TrainingData.Decay(age, trendingHalfLifeDays);
            }
        }
        // Buyer g: the customer's index, or customers + basket for a guest's basket.
        var (start, byBuyer) = PurchaseGroups.Of(all, end, customers + data.Baskets.Count, p => p.Customer >= 0 ? p.Customer : customers + p.Basket);
        var buyers = new int[items];
        var recentBuyers = new int[items];
        var counted = new int[items];
        var countedRecent = new int[items];
        Array.Fill(counted, -1);
        Array.Fill(countedRecent, -1);
        for (var g = 0; g < start.Length - 1; g++)
        {
            for (var k = start[g]; k < start[g + 1]; k++)
            {
                var p = all[byBuyer[k]];
                if (counted[p.Item] != g)
                {
                    counted[p.Item] = g;
                    buyers[p.Item]++;
                }
                if (data.LastDay - p.Day < RecentDays && countedRecent[p.Item] != g)
                {
                    countedRecent[p.Item] = g;
                    recentBuyers[p.Item]++;
                }
            }
        }
        return new Counts(buyers, recentBuyers, decayed);
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
