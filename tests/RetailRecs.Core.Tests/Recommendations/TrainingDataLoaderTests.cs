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
}
