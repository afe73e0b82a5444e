using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Algorithms;

/// <summary>
/// Best sellers, trending and the re-purchase counts, counted buyer by buyer, against the same figures counted the
/// obvious way (a set of buyers per item, a record per customer and item) on the demo slice's real sales, whole and
/// cut by date.
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class SalesCountsTests
{
    [Fact]
    public async Task PopularityAndRepurchaseCounts_EqualTheObviousCounts_OnTheDemoSalesWholeAndCut()
    {
        var whole = await DemoSales.LoadAsync();
        Assert.True(whole.Purchases.Count > 10_000);
        Assert.Contains(whole.Purchases, p => p.Customer < 0);

        foreach (var data in new[] { whole, whole.Before(whole.LastDay - 30), whole.Before(whole.LastDay - 90) })
        {
            var (bestSellers, trending) = PopularityModel.TrainBoth(data);
            var (buyers, recent, decayed) = ObviousPopularity(data, 14);
            var expectedBest = buyers.Where(b => b.Value.Count > 0).Select(b => (b.Key, (float)b.Value.Count, b.Value.Count))
                .OrderByDescending(x => x.Item2).ThenBy(x => x.Key).ToList();
            Assert.Equal(expectedBest, bestSellers.Ranked.Select(c => (c.Item, c.Score, c.Evidence.Count)).OrderByDescending(x => x.Score).ThenBy(x => x.Item));
            Assert.Equal(buyers.Keys.Order(), trending.Ranked.Select(c => c.Item).Order());
            foreach (var c in trending.Ranked)
            {
                Assert.Equal(decayed[c.Item], c.Score);
                Assert.Equal(recent.GetValueOrDefault(c.Item)?.Count ?? 0, c.Evidence.Count);
            }
            // The single-list entry point counts the same.
            Assert.Equal(bestSellers.Ranked, PopularityModel.Train(data, trending: false).Ranked);

            var stats = RepurchaseStats.Count(data);
            var (rate, interval, orders, firstDay) = ObviousRepurchase(data);
            Assert.Equal(rate, stats.ItemRepurchaseRate);
            Assert.Equal(interval, stats.ItemInterval);
            Assert.Equal(orders, stats.CustomerOrders);
            Assert.Equal(firstDay, stats.CustomerFirstDay);
            Assert.Contains(stats.ItemRepurchaseRate, r => r > 0);
        }
    }

    private static (Dictionary<int, HashSet<(int, int)>> Buyers, Dictionary<int, HashSet<(int, int)>> Recent, float[] Decayed) ObviousPopularity(
        TrainingData data, double halfLife)
    {
        var buyers = new Dictionary<int, HashSet<(int, int)>>();
        var recent = new Dictionary<int, HashSet<(int, int)>>();
        var decayed = new float[data.ItemCount];
        foreach (var p in data.Purchases)
        {
            var who = p.Customer >= 0 ? (0, p.Customer) : (1, p.Basket);
            (buyers.TryGetValue(p.Item, out var set) ? set : buyers[p.Item] = []).Add(who);
            if (data.LastDay - p.Day < PopularityModel.RecentDays)
            {
                (recent.TryGetValue(p.Item, out var r) ? r : recent[p.Item] = []).Add(who);
            }
            decayed[p.Item] += (float)Math.Pow(0.5, Math.Max(0, data.LastDay - p.Day) / halfLife);
        }
        return (buyers, recent, decayed);
    }

    private static (float[] Rate, float[] Interval, int[] Orders, int[] FirstDay) ObviousRepurchase(TrainingData data)
    {
        var own = data.Purchases.Where(p => p.Customer >= 0).ToList();
        var pairs = own.GroupBy(p => (p.Customer, p.Item)).Select(g => (g.Key.Item, Times: g.Count(), First: g.Min(p => p.Day), Last: g.Max(p => p.Day))).ToList();
        var rate = new float[data.ItemCount];
        var interval = new float[data.ItemCount];
        foreach (var item in pairs.GroupBy(p => p.Item))
        {
            rate[item.Key] = (float)item.Count(p => p.Times >= 2) / item.Count();
            var gaps = item.Where(p => p.Times >= 2).Select(p => (p.Last - p.First) / (float)(p.Times - 1)).Order().ToList();
            interval[item.Key] = gaps.Count == 0 ? 0 : gaps.Count % 2 == 1 ? gaps[gaps.Count / 2] : (gaps[gaps.Count / 2 - 1] + gaps[gaps.Count / 2]) / 2;
        }
        var orders = new int[data.CustomerCount];
        var firstDay = new int[data.CustomerCount];
        foreach (var customer in own.GroupBy(p => p.Customer))
        {
            orders[customer.Key] = customer.Select(p => p.Basket).Distinct().Count();
            firstDay[customer.Key] = customer.Min(p => p.Day);
        }
        return (rate, interval, orders, firstDay);
    }
}
