using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Api;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Live;

/// <summary>Two app instances on one database: what one stores reaches the other's live updates through the change feed.</summary>
public class LiveFeedTests
{
    /// <summary>
    /// Polls until notices arrive: the writer answers the request first and writes its notice just after, so the
    /// other instance sees it on one of its next polls (every second in the app).
    /// </summary>
    private static async Task<int> NoticesAsync(LiveFeed feed)
    {
        for (var i = 0; i < 600; i++) // up to 30 s on a busy machine
        {
            if (await feed.PollAsync() is > 0 and var count)
            {
                return count;
            }
            await Task.Delay(50);
        }
        return 0;
    }

    [Fact]
    public async Task Sale_StoredByOneInstance_ReachesTheOthersLiveUpdatesOnce_AndNotItsOwnTwice()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using var other = database.AnotherInstance();
        var (feedA, liveA) = (database.Get<LiveFeed>(), database.Get<LiveUpdates>());
        var (feedB, liveB) = (other.GetRequiredService<LiveFeed>(), other.GetRequiredService<LiveUpdates>());
        Assert.NotEqual(feedA.Origin, feedB.Origin);
        await feedA.PollAsync();
        await feedB.PollAsync(); // where the feed stands: nothing before this is replayed
        await using var db = database.CreateContext();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerCode }).FirstAsync();
        var toldB = new List<int>();
        liveB.CustomerChanged += toldB.Add;

        await database.Get<EventIngestion>().IngestAsync(0, null, "h1",
            [new ApiEvent("purchase", customer.CustomerCode, "85123A", 2, Invoice: "LF-1"), new ApiEvent("purchase", customer.CustomerCode, "22423", 1, Invoice: "LF-1")]);

        Assert.Equal(1, liveA.PendingBaskets);
        Assert.Equal(0, liveB.PendingBaskets);
        Assert.Equal(1, await NoticesAsync(feedB)); // the sale (its customer is told of it by the sale itself)
        Assert.Equal(1, liveB.PendingBaskets);
        Assert.Equal(1, liveB.PendingCustomers);
        Assert.Contains(customer.Id, toldB);
        // Read again (a late commit could hide behind a later id): acted on once; the writer ignores its own notices.
        Assert.Equal(0, await feedB.PollAsync());
        Assert.Equal(0, await feedA.PollAsync());
        Assert.Equal(1, liveB.PendingBaskets);
        Assert.Equal(1, liveA.PendingBaskets);
    }

    [Fact]
    public async Task Objection_RecordedOnOneInstance_TellsTheOthersOpenCards()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using var other = database.AnotherInstance();
        var feedB = other.GetRequiredService<LiveFeed>();
        await feedB.PollAsync();
        await using var db = database.CreateContext();
        var customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var toldB = new List<int>();
        other.GetRequiredService<LiveUpdates>().CustomerChanged += toldB.Add;

        await database.Get<CustomerConsentService>().RecordAsync(customerId, false, new ConsentOrigin(ConsentSource.Counter, "test"), StaffActor.System);
        Assert.Equal(1, await NoticesAsync(feedB));

        Assert.Equal([customerId], toldB);
    }
}
