using Microsoft.Extensions.Options;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;

namespace RetailRecs.Core.Tests.Recommendations.Live;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public sealed class LiveUpdatesTests
{
    private static LiveUpdates WithCap(int baskets) => new(Options.Create(new LiveUpdatesOptions { MaxBaskets = baskets }));

    private static Dictionary<int, float> Products(params int[] ids) => ids.ToDictionary(id => id, _ => 1f);

    [Fact]
    public void AddSale_PastTheCap_ForgetsTheOldestBasketEverywhere()
    {
        var live = WithCap(3);

        live.AddSale(1, 10, Products(100, 200));
        live.AddSale(2, 11, Products(100, 300));
        live.AddSale(3, 12, Products(100));
        live.AddSale(4, 13, Products(400));

        Assert.Equal(3, live.PendingBaskets);
        Assert.Equal([4, 3, 2], live.CustomersAfter(LearnedSales.Through(0)));
        var (baskets, together) = live.CoPurchases(100, LearnedSales.Through(0));
        Assert.Equal(2, baskets);
        Assert.Equal(new Dictionary<int, int> { [300] = 1 }, together);
        Assert.Equal(0, live.BasketsWith(200, LearnedSales.Through(0)));
    }

    [Fact]
    public void AddSale_AfterForgettingByTrainingAndErasure_KeepsTheCapOnWhatIsPending()
    {
        var live = WithCap(3);
        live.AddSale(1, 10, Products(100));
        live.AddSale(2, 11, Products(100));
        live.AddSale(3, 12, Products(100));

        live.ForgetLearned(LearnedSales.Through(10));
        live.ForgetCustomer(2);
        live.AddSale(4, 13, Products(100));
        live.AddSale(5, 14, Products(100));

        // Two of the three slots were freed, so nothing still pending was pushed out.
        Assert.Equal(3, live.PendingBaskets);
        Assert.Equal([5, 4, 3], live.CustomersAfter(LearnedSales.Through(0)));

        live.AddSale(6, 15, Products(100));
        Assert.Equal([6, 5, 4], live.CustomersAfter(LearnedSales.Through(0)));
        Assert.Equal(3, live.CoPurchases(100, LearnedSales.Through(0)).Baskets);
    }

    [Fact]
    public void AddSale_ManyTimesTheCap_StaysAtTheCap()
    {
        var live = WithCap(100);

        for (var i = 0; i < 10_000; i++)
        {
            live.AddSale(i % 250, i / 100, Products(i % 7, 7 + i % 11));
            if (i % 1_000 == 999)
            {
                live.ForgetLearned(LearnedSales.Through(i / 100 - 5));
            }
        }

        Assert.Equal(100, live.PendingBaskets);
        Assert.Equal(100, live.BasketsWith(0, LearnedSales.Through(int.MinValue)) + Enumerable.Range(1, 6).Sum(p => live.BasketsWith(p, LearnedSales.Through(int.MinValue))));
    }

    /// <summary>
    /// A model trained at 14:00 has today as its last day: the afternoon's sales, stored after its training read the
    /// sales, were not in it and must keep counting (they were dropped by day until the next training); a till's late
    /// sync of an earlier day likewise.
    /// </summary>
    [Fact]
    public void ForgetLearned_SalesOfTheModelsLastDayStoredAfterItsTrainingBegan_KeepCounting()
    {
        var live = WithCap(100);
        live.AddSale(1, 20, Products(100, 200)); // the morning: in the training
        Thread.Sleep(5);
        var learned = new LearnedSales(20, DateTime.UtcNow); // the training begins
        Thread.Sleep(5);
        live.AddSale(2, 20, Products(100, 300)); // the afternoon
        live.AddSale(3, 17, Products(100, 400)); // a till's late sync of three days before

        live.ForgetLearned(learned);

        Assert.Equal(2, live.PendingBaskets);
        Assert.Equal([2, 3], live.CustomersAfter(learned));
        var (baskets, together) = live.CoPurchases(100, learned);
        Assert.Equal(2, baskets);
        Assert.Equal(new Dictionary<int, int> { [300] = 1, [400] = 1 }, together);
        Assert.Equal(0, live.BasketsWith(200, learned));
        Assert.Equal([100, 300], live.WithHistory(2, [], learned, p => p).Select(h => h.Item));
        Assert.Empty(live.WithHistory(1, [], learned, p => p));
    }
}
