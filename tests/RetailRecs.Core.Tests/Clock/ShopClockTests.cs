using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Clock;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Clock;

/// <summary>One "today" for the card, the reasons and the dashboard: the real date for live data, the data's last day for historical data.</summary>
public class ShopClockTests
{
    private static readonly DateTimeOffset RealNow = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }

    private static Task<TestDatabase> DatabaseAtAsync(DateTimeOffset now) =>
        TestDatabase.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(new FixedTime(now)));

    [Theory]
    [InlineData("2011-12-09", "2011-12-09", true)]   // the demo's export: fifteen years old
    [InlineData("2026-10-01", "2026-10-01", true)]   // two months without a sale: an old export
    [InlineData("2026-11-30", "2026-12-01", false)]  // sold yesterday: live
    [InlineData("2026-10-31", "2026-12-01", false)]  // a quiet month is still live
    [InlineData(null, "2026-12-01", false)]          // no sales yet: the real date
    public void Decide_LastSale_TodayIsTheRealDateWhileLiveElseTheDataLastDay(string? lastSale, string expected, bool historical) =>
        Assert.Equal(new ShopDay(DateOnly.Parse(expected), historical),
            ShopClock.Decide(lastSale is null ? null : DateOnly.Parse(lastSale), DateOnly.FromDateTime(RealNow.DateTime)));

    [Fact]
    public async Task OpenAsync_HistoricalData_CountsDaysSinceTheLastVisitToTheDataLastDay_AndSaysSo()
    {
        await using var database = await DatabaseAtAsync(RealNow);
        var mug = Product("MUG", "Mug");
        var ada = new Customer { CustomerCode = "1", FirstName = "Ada", LastName = "Lovelace" };
        var bob = new Customer { CustomerCode = "2", FirstName = "Bob", LastName = "Stone" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(
                Order("1", ada, new DateTime(2011, 11, 29, 10, 0, 0), (mug, 1, 2.50m)),
                Order("2", bob, new DateTime(2011, 12, 9, 12, 0, 0), (mug, 1, 2.50m)));
            await db.SaveChangesAsync();
        }

        var card = await database.Get<CustomerCardService>().OpenAsync(ada.Id, new StaffActor("staff-1", "alex@store.example"));

        Assert.NotNull(card);
        Assert.Equal(10, card.DaysSinceLastVisit); // 29 Nov to 9 Dec 2011, not 5,481 days to the real date
        Assert.Equal(new ShopDay(new DateOnly(2011, 12, 9), Historical: true), card.Today);
    }

    [Fact]
    public async Task OpenAsync_LiveData_CountsDaysToTheRealDate()
    {
        await using var database = await DatabaseAtAsync(RealNow);
        var mug = Product("MUG", "Mug");
        var ada = new Customer { CustomerCode = "1", FirstName = "Ada", LastName = "Lovelace" };
        await using (var db = database.CreateContext())
        {
            db.Add(Order("1", ada, new DateTime(2026, 11, 24, 10, 0, 0), (mug, 1, 2.50m)));
            await db.SaveChangesAsync();
        }

        var card = await database.Get<CustomerCardService>().OpenAsync(ada.Id, StaffActor.System);

        Assert.Equal(7, card!.DaysSinceLastVisit);
        Assert.Equal(new ShopDay(new DateOnly(2026, 12, 1), Historical: false), card.Today);
    }

    [Fact]
    public async Task DefaultFilterAsync_LiveData_EndsToday_HistoricalData_EndsOnTheLastSale()
    {
        var mug = Product("MUG", "Mug");
        await using (var live = await DatabaseAtAsync(RealNow))
        {
            await using (var db = live.CreateContext())
            {
                db.Add(Order("1", null, new DateTime(2026, 11, 20, 10, 0, 0), (mug, 1, 2.50m)));
                await db.SaveChangesAsync();
            }
            Assert.Equal(new DateOnly(2026, 12, 1), (await live.Get<DashboardService>().DefaultFilterAsync()).To);
        }
        await using var historical = await DatabaseAtAsync(RealNow);
        await using (var db = historical.CreateContext())
        {
            db.Add(Order("1", null, new DateTime(2011, 12, 9, 10, 0, 0), (Product("MUG", "Mug"), 1, 2.50m)));
            await db.SaveChangesAsync();
        }
        var filter = await historical.Get<DashboardService>().DefaultFilterAsync();
        Assert.Equal((new DateOnly(2010, 12, 10), new DateOnly(2011, 12, 9)), (filter.From, filter.To));
    }
}
