using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Common.Changes;

/// <summary>Two app instances on one database: what one changes reaches the other through the change feed.</summary>
public class ChangeFeedTests
{
    /// <summary>
    /// Polls until notices arrive: the writer answers the request first and writes its notice just after, so the
    /// other instance sees it on one of its next polls (every second in the app).
    /// </summary>
    private static async Task<int> NoticesAsync(ChangeFeed feed)
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
        var (feedA, liveA) = (database.Get<ChangeFeed>(), database.Get<LiveUpdates>());
        var (feedB, liveB) = (other.GetRequiredService<ChangeFeed>(), other.GetRequiredService<LiveUpdates>());
        Assert.NotEqual(feedA.Origin, feedB.Origin);
        await feedA.PollAsync();
        await feedB.PollAsync(); // where the feed stands: nothing before this is replayed
        await using var db = database.CreateContext();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerCode }).FirstAsync();
        var toldB = new List<int>();
        liveB.CustomerChanged += toldB.Add;

        Assert.IsType<IngestionOutcome.Ingested>(await database.Get<EventIngestion>().IngestAsync(0, null, "h1",
            [new StoreEvent("purchase", customer.CustomerCode, "85123A", 2, Invoice: "LF-1"), new StoreEvent("purchase", customer.CustomerCode, "22423", 1, Invoice: "LF-1")]));

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
        var feedB = other.GetRequiredService<ChangeFeed>();
        await feedB.PollAsync();
        await using var db = database.CreateContext();
        var customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        var toldB = new List<int>();
        other.GetRequiredService<LiveUpdates>().CustomerChanged += toldB.Add;

        await database.Get<CustomerConsentService>().RecordAsync(customerId, false, new ConsentOrigin(ConsentSource.Counter, "test"), StaffActor.System);
        Assert.Equal(1, await NoticesAsync(feedB));

        Assert.Equal([customerId], toldB);
    }

    [Fact]
    public async Task Promotion_OnOneInstance_MakesTheOtherServeTheNewChampion_AtItsNextPoll()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = database.Get<ModelTrainingService>();
        var request = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test");
        var first = (await trainer.TrainAsync(request)).Single(); // promoted by the training itself
        var second = (await trainer.TrainAsync(request with { SelectChampion = false })).Single();
        await using var other = database.AnotherInstance();
        var (feedB, registryB) = (other.GetRequiredService<ChangeFeed>(), other.GetRequiredService<ModelRegistry>());
        await feedB.PollAsync();
        Assert.Equal(first.Id, (await registryB.GetChampionAsync())!.RunId); // B serves the first and will not look again for 30 s

        await database.Get<ModelRegistry>().PromoteAsync(second.Id, StaffActor.System);
        Assert.Equal(first.Id, (await registryB.GetChampionAsync())!.RunId);
        Assert.Equal(1, await NoticesAsync(feedB));

        // Loaded in the background, so the feed goes on meanwhile: served well before B's own 30 s re-check.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while ((await registryB.GetChampionAsync())!.RunId != second.Id && watch.Elapsed < ModelRegistry.RecheckInterval / 2)
        {
            await Task.Delay(50);
        }
        Assert.Equal(second.Id, (await registryB.GetChampionAsync())!.RunId);
    }

    [Fact]
    public async Task KeyRevoked_OnOneInstance_IsRefusedByTheOther_AtItsNextPoll()
    {
        await using var database = await TestDatabase.CreateAsync();
        var (_, secret) = await database.Get<ApiKeyService>().CreateAsync("till", [ApiScopes.All.First()], StaffActor.System);
        await using var other = database.AnotherInstance();
        var (feedB, keysB) = (other.GetRequiredService<ChangeFeed>(), other.GetRequiredService<ApiKeyService>());
        await feedB.PollAsync();
        var key = await keysB.CheckAsync(secret);
        Assert.NotNull(key); // now cached on B for ten seconds

        await database.Get<ApiKeyService>().RevokeAsync(key.KeyId, StaffActor.System);
        Assert.NotNull(await keysB.CheckAsync(secret));
        Assert.Equal(1, await NoticesAsync(feedB));

        Assert.Null(await keysB.CheckAsync(secret));
    }

    [Fact]
    public async Task Publish_TellsThisInstancesListenersAtOnce_AndTheOthersOnceWhenTheyPoll()
    {
        var heardA = new List<(string Kind, bool Here)>();
        var heardB = new List<(string Kind, bool Here)>();
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IChangeListener>(new Recorder(heardA)));
        await using var other = database.AnotherInstance(s => s.AddSingleton<IChangeListener>(new Recorder(heardB)));
        var (feedA, feedB) = (database.Get<ChangeFeed>(), other.GetRequiredService<ChangeFeed>());
        await feedA.PollAsync();
        await feedB.PollAsync();

        Assert.True(await feedA.TryPublishAsync(ChangeKinds.Staff, 0));

        Assert.Equal([(ChangeKinds.Staff, true)], heardA);
        Assert.Empty(heardB);
        Assert.Equal(1, await NoticesAsync(feedB));
        Assert.Equal([(ChangeKinds.Staff, false)], heardB);
        Assert.Equal(0, await feedA.PollAsync()); // its own notice is not read back
        Assert.Equal(0, await feedB.PollAsync()); // nor read twice
        Assert.Single(heardA);
        Assert.Single(heardB);
    }

    private sealed class Recorder(List<(string, bool)> heard) : IChangeListener
    {
        public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
        {
            heard.AddRange(notices.Select(n => (n.Kind, fromThisInstance)));
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task PollAsync_BacklogAboveOnePoll_IsReadOverTheNextPolls_NothingLost()
    {
        var heard = new List<(string Kind, bool Here)>();
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IChangeListener>(new Recorder(heard)));
        var feed = database.Get<ChangeFeed>();
        await feed.PollAsync();
        await using (var db = database.CreateContext())
        {
            var at = DateTime.UtcNow;
            db.ChangeNotices.AddRange(Enumerable.Range(1, ChangeFeed.MaxPerPoll + 1000)
                .Select(i => new ChangeNotice { Kind = "other", SubjectId = i, Origin = "another-instance", At = at }));
            db.ChangeNotices.Add(new ChangeNotice { Kind = ChangeKinds.Staff, Origin = "another-instance", At = at });
            await db.SaveChangesAsync();
        }

        Assert.Equal(ChangeFeed.MaxPerPoll, await feed.PollAsync());
        Assert.Equal(1001, await feed.PollAsync());
        Assert.Equal(0, await feed.PollAsync());

        Assert.Equal(ChangeFeed.MaxPerPoll + 1001, heard.Count);
        Assert.Equal((ChangeKinds.Staff, false), heard[^1]);
    }

    [Fact]
    public async Task PollAsync_NoticeCommittedAfterALaterOne_IsStillRead_Once()
    {
        var heard = new List<(string Kind, bool Here)>();
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IChangeListener>(new Recorder(heard)));
        var feed = database.Get<ChangeFeed>();
        await using (var db = database.CreateContext())
        {
            db.ChangeNotices.Add(new ChangeNotice { Kind = "first", Origin = "another-instance", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await feed.PollAsync();
        long last;
        await using (var db = database.CreateContext())
        {
            last = await db.ChangeNotices.MaxAsync(n => n.Id);
            // Id last + 2 commits first; last + 1 (a transaction that took its id earlier) commits after the poll.
            db.ChangeNotices.Add(new ChangeNotice { Id = last + 2, Kind = "later", Origin = "another-instance", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        Assert.Equal(1, await feed.PollAsync());
        await using (var db = database.CreateContext())
        {
            db.ChangeNotices.Add(new ChangeNotice { Id = last + 1, Kind = "earlier", Origin = "another-instance", At = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        Assert.Equal(1, await feed.PollAsync());
        Assert.Equal(0, await feed.PollAsync());
        Assert.Equal(["later", "earlier"], heard.Select(h => h.Kind));
    }
}
