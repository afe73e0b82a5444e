using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Recommendations;

public class TrainingDataLoaderTests
{
    [Fact]
    public async Task LoadAsync_ObjectingAndErasedCustomersSales_AreLeftOutGuestSalesKept()
    {
        await using var database = await TestDatabase.CreateAsync();
        var candle = Product("C1", "CANDLE");
        var mug = Product("M1", "MUG");
        var ann = new Customer { CustomerCode = "ANN" };
        var bob = new Customer { CustomerCode = "BOB", PersonalizationOptOut = true };
        var erased = Order("3", null, new DateTime(2011, 12, 3, 10, 0, 0), (candle, 1, 2m), (mug, 1, 4m));
        erased.IsAnonymised = true;
        await using (var db = database.CreateContext())
        {
            db.Orders.AddRange(
                Order("1", ann, new DateTime(2011, 12, 1, 10, 0, 0), (candle, 2, 2m)),
                Order("2", bob, new DateTime(2011, 12, 2, 10, 0, 0), (candle, 1, 2m), (mug, 3, 4m)),
                Order("C2", bob, new DateTime(2011, 12, 4, 10, 0, 0), (mug, -1, 4m)),
                erased,
                Order("4", null, new DateTime(2011, 12, 5, 10, 0, 0), (mug, 1, 4m)));
            await db.SaveChangesAsync();
        }

        var data = await database.Get<TrainingDataLoader>().LoadAsync(TrainingWindow.All);

        Assert.Equal([ann.Id], data.CustomerIds);
        // Ann's line and the guest's line; nothing of Bob (who objects) nor of the erased customer's basket.
        Assert.Equal(2, data.Purchases.Count);
        Assert.Equal(1, data.Purchases.Count(p => p.Customer < 0));
    }

    [Fact]
    public async Task LoadAsync_OrdersWithRepeatedLines_OnePurchasePerBasketAndProductCustomersInIdOrder()
    {
        await using var database = await TestDatabase.CreateAsync();
        var candle = Product("C1", "CANDLE");
        var mug = Product("M1", "MUG");
        var ann = new Customer { CustomerCode = "ANN" };
        var bob = new Customer { CustomerCode = "BOB" };
        await using (var db = database.CreateContext())
        {
            // Ann is stored first (lower id) but her first order comes after Bob's: customers are still numbered by id.
            db.Customers.AddRange(ann, bob);
            await db.SaveChangesAsync();
            db.Orders.AddRange(
                Order("1", bob, new DateTime(2011, 12, 1, 10, 0, 0), (candle, 2, 2m), (mug, 1, 4m), (candle, 3, 2m)),
                Order("2", ann, new DateTime(2011, 12, 2, 10, 0, 0), (mug, 1, 4m), (mug, 4, 4m)),
                Order("C3", ann, new DateTime(2011, 12, 3, 10, 0, 0), (mug, -2, 4m)),
                Order("4", bob, new DateTime(2011, 12, 4, 10, 0, 0), (candle, 1, 2m)));
            await db.SaveChangesAsync();
        }

        var data = await database.Get<TrainingDataLoader>().LoadAsync(TrainingWindow.All);

        Assert.Equal([ann.Id, bob.Id], data.CustomerIds);
        var (annIndex, bobIndex) = (data.CustomerOf(ann.Id)!.Value, data.CustomerOf(bob.Id)!.Value);
        var (candleItem, mugItem) = (data.ItemOf(candle.Id)!.Value, data.ItemOf(mug.Id)!.Value);
        // A product on two lines of one basket is one purchase with both quantities; the same product in another basket is another purchase.
        Assert.Equal(
            new[] { (bobIndex, candleItem, 5f), (bobIndex, mugItem, 1f), (annIndex, mugItem, 5f), (bobIndex, candleItem, 1f) }.Order(),
            data.Purchases.Select(p => (p.Customer, p.Item, p.Quantity)).Order());
        Assert.Equal(3, data.Baskets.Count);
        Assert.Equal(2, data.Purchases.Select(p => p.Basket).Where((b, i) => data.Purchases[i].Customer == bobIndex).Distinct().Count());
        // Ann's return, counted against her own index: 5 bought, 2 returned.
        Assert.Equal(3f, Assert.Single(data.Histories[annIndex]).Quantity);
        Assert.Equal(2, data.Histories[bobIndex].Single(h => h.Item == candleItem).Baskets);
    }
}
