using RetailRecs.Core.Analytics;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Analytics;

public class SalesOverviewTests
{
    [Fact]
    public async Task GetSummaryAsync_SalesAndAReturn_AggregatesInTheDatabase()
    {
        await using var database = await TestDatabase.CreateAsync();
        var mug = Product("MUG", "Mug", 2.50m);
        var lamp = Product("LAMP", "Lamp", 10m);
        var ann = new Customer { CustomerCode = "1" };
        var bob = new Customer { CustomerCode = "2" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                Order("1001", ann, new DateTime(2011, 1, 5), (mug, 4, 2.50m), (lamp, 1, 10m)),   // 20.00
                Order("1002", bob, new DateTime(2011, 2, 7), (lamp, 2, 9.75m)),                 // 19.50
                Order("1003", null, new DateTime(2011, 2, 8), (mug, 2, 2.50m)),                 //  5.00, a guest
                Order("C1004", ann, new DateTime(2011, 2, 9), (mug, -2, 2.50m)));               // -5.00 returned
            await db.SaveChangesAsync();
        }

        var summary = await database.Get<SalesOverview>().GetSummaryAsync();

        Assert.Equal(3, summary.Orders);
        Assert.Equal(1, summary.Returns);
        Assert.Equal(2, summary.Customers);
        Assert.Equal(44.50m, summary.Revenue);
        Assert.Equal(5.00m, summary.ReturnedValue);
        Assert.Equal(13.1667m, Math.Round(summary.AverageOrderValue, 4));
        Assert.Equal(new DateTime(2011, 1, 5), summary.FirstSale);
        Assert.Equal(new DateTime(2011, 2, 8), summary.LastSale);
    }

    [Fact]
    public async Task GetSummaryAsync_EmptyDatabase_IsAllZeroWithoutDividingByZero()
    {
        await using var database = await TestDatabase.CreateAsync();

        var summary = await database.Get<SalesOverview>().GetSummaryAsync();

        Assert.Equal(0, summary.Orders);
        Assert.Equal(0m, summary.AverageOrderValue);
        Assert.Null(summary.FirstSale);
    }
}
