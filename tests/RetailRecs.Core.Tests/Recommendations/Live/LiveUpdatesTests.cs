using Microsoft.Extensions.Options;
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
        Assert.Equal([4, 3, 2], live.CustomersAfter(0));
        var (baskets, together) = live.CoPurchases(100, 0);
        Assert.Equal(2, baskets);
        Assert.Equal(new Dictionary<int, int> { [300] = 1 }, together);
        Assert.Equal(0, live.BasketsWith(200, 0));
    }

    [Fact]
    public void AddSale_AfterForgettingByTrainingAndErasure_KeepsTheCapOnWhatIsPending()
    {
        var live = WithCap(3);
        live.AddSale(1, 10, Products(100));
        live.AddSale(2, 11, Products(100));
        live.AddSale(3, 12, Products(100));

        live.ForgetThrough(10);
        live.ForgetCustomer(2);
        live.AddSale(4, 13, Products(100));
        live.AddSale(5, 14, Products(100));

        // Two of the three slots were freed, so nothing still pending was pushed out.
        Assert.Equal(3, live.PendingBaskets);
        Assert.Equal([5, 4, 3], live.CustomersAfter(0));

        live.AddSale(6, 15, Products(100));
        Assert.Equal([6, 5, 4], live.CustomersAfter(0));
        Assert.Equal(3, live.CoPurchases(100, 0).Baskets);
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
                live.ForgetThrough(i / 100 - 5);
            }
        }

        Assert.Equal(100, live.PendingBaskets);
        Assert.Equal(100, live.BasketsWith(0, int.MinValue) + Enumerable.Range(1, 6).Sum(p => live.BasketsWith(p, int.MinValue)));
    }
}
