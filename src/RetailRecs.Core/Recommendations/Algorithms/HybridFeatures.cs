using Microsoft.ML.Data;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>One candidate for one customer as the LightGBM ranker sees it.</summary>
internal sealed class HybridRow
{
    public const int FeatureCount = 24;

    public float Label { get; set; }
    public uint Group { get; set; }
    [VectorType(FeatureCount)]
    public float[] Features { get; set; } = new float[FeatureCount];
}

internal sealed class HybridScore
{
    public float Score { get; set; }
}

/// <summary>
/// The component models' opinions about one customer, and the features the ranker reads from them: each model's
/// score and rank, popularity and trend, the customer's own history with the item and its category, price, basket,
/// and the re-purchase signals: decayed frequency and units, how often the item is bought again by anyone and at what
/// interval, how overdue it is for this customer, how often the customer orders and how long since the last order.
/// </summary>
internal sealed class HybridCandidates
{
    /// <summary>Candidates taken from each component model.</summary>
    public const int PerModel = 50;
    private const float Unranked = PerModel * 2;

    public sealed record Components(PopularityModel Popularity, PopularityModel Trending, ItemKnnModel ItemKnn, UserKnnModel UserKnn,
        ContentModel Content, float[] PopularityScore, float[] TrendingScore, RepurchaseStats Repurchase)
    {
        public PersonalFrequencyModel Personal { get; } = new(UserKnn);
    }

    public readonly List<int> Items = [];
    public readonly List<float[]> Features = [];
    public readonly List<Evidence> Evidence = [];

    public static HybridCandidates For(Components m, IReadOnlyList<CatalogItem> catalog, RecommendationQuery query)
    {
        // The user-based and the personal model consult the same nearest customers: found once.
        var nearest = m.UserKnn.Nearest(query);
        var lists = new[]
        {
            m.ItemKnn.Recommend(query, PerModel),
            m.UserKnn.Recommend(query, PerModel, nearest),
            m.Content.Recommend(query, PerModel),
            m.Trending.Recommend(query, PerModel / 2),
            m.Personal.Recommend(query, PerModel, nearest),
        };
        var byItem = new Dictionary<int, (float[] Scores, float[] Ranks, Evidence Evidence, float BestRank)>();
        for (var l = 0; l < lists.Length; l++)
        {
            for (var r = 0; r < lists[l].Count; r++)
            {
                var c = lists[l][r];
                if (!byItem.TryGetValue(c.Item, out var e))
                {
                    e = (new float[lists.Length], Enumerable.Repeat(Unranked, lists.Length).ToArray(), c.Evidence, float.MaxValue);
                }
                e.Scores[l] = c.Score;
                e.Ranks[l] = r + 1;
                // The reason quotes the component that ranked the item highest among those with a reason worth saying
                // about this customer (a popular pick only when no component has one): the strongest evidence behind it.
                var rank = Rank(c, r + 1, catalog);
                if (rank < e.BestRank)
                {
                    e = e with { Evidence = c.Evidence, BestRank = rank };
                }
                byItem[c.Item] = e;
            }
        }
        var history = query.History.ToDictionary(h => h.Item);
        foreach (var h in query.History)
        {
            if (!query.NewItemsOnly && !byItem.ContainsKey(h.Item))
            {
                byItem[h.Item] = (new float[lists.Length], Enumerable.Repeat(Unranked, lists.Length).ToArray(),
                    new Evidence(EvidenceKind.BuysRegularly, h.Item, Count: h.Baskets, Day: h.LastDay), Unranked);
            }
        }

        var categoryShare = new Dictionary<string, float>();
        var totalBaskets = query.History.Sum(h => h.Baskets);
        foreach (var h in query.History)
        {
            if (catalog[h.Item].Category is { } cat)
            {
                categoryShare[cat] = categoryShare.GetValueOrDefault(cat) + (float)h.Baskets / Math.Max(1, totalBaskets);
            }
        }

        // The customer's ordering habit: from the window's counts when the model knows them, else from the history itself.
        var stats = m.Repurchase;
        var known = query.CustomerIndex >= 0 && query.CustomerIndex < stats.CustomerOrders.Length && stats.CustomerOrders[query.CustomerIndex] > 0;
        var orders = Math.Max(known ? stats.CustomerOrders[query.CustomerIndex] : 0, query.History.Count == 0 ? 0 : query.History.Max(h => h.Baskets));
        var firstDay = known ? stats.CustomerFirstDay[query.CustomerIndex] : query.History.Count == 0 ? query.Today : query.History.Min(h => h.LastDay);
        var lastOrder = query.History.Count == 0 ? query.Today : query.History.Max(h => h.LastDay);
        var ordersPerMonth = orders * 30f / Math.Max(30, query.Today - firstDay + 1);

        var result = new HybridCandidates();
        foreach (var (item, e) in byItem)
        {
            history.TryGetValue(item, out var h);
            var it = catalog[item];
            var interval = item < stats.ItemInterval.Length ? stats.ItemInterval[item] : 0;
            result.Items.Add(item);
            result.Evidence.Add(e.Evidence);
            result.Features.Add(
            [
                e.Scores[0], e.Ranks[0],
                e.Scores[1], e.Ranks[1],
                e.Scores[2], e.Ranks[2],
                (float)Math.Log(1 + m.PopularityScore[item]),
                (float)Math.Log(1 + m.TrendingScore[item]),
                h.Baskets,
                h.Baskets > 0 ? query.Today - h.LastDay : 999,
                it.Category is { } c ? categoryShare.GetValueOrDefault(c) : 0,
                it.Price is { } p ? (float)Math.Log(1 + p) : -1,
                (float)Math.Log(1 + totalBaskets),
                query.Basket.Count,
                e.Scores[4], e.Ranks[4],
                h.Affinity,
                (float)Math.Log(1 + Math.Max(0, h.Quantity)),
                item < stats.ItemRepurchaseRate.Length ? stats.ItemRepurchaseRate[item] : 0,
                ordersPerMonth,
                interval > 0 ? interval : -1,
                h.Baskets > 0 && interval > 0 ? (query.Today - h.LastDay) / interval : -1,
                h.Baskets >= 2 ? (h.LastDay - firstDay) / (float)(h.Baskets - 1) : -1,
                query.Today - lastOrder,
            ]);
        }
        return result;
    }

    // Reasons worth saying come first, then popular picks, then the rest; within each, the best rank.
    private static float Rank(Candidate c, int rank, IReadOnlyList<CatalogItem> catalog) =>
        !WorthSaying.Holds(c, catalog) ? rank + 2 * Unranked
        : WorthSaying.IsPopularPick(c.Evidence.Kind) ? rank + Unranked
        : rank;
}
