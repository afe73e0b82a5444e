using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Segmentation;

/// <summary>Segmentation of the committed demo slice (real Online Retail customers) in a real SQLite file.</summary>
public class SegmentationServiceTests
{
    private static async Task<TestDatabase> DemoAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        return database;
    }

    /// <summary>
    /// The run read who objects, then a customer objected at the counter (their memberships deleted), then the run
    /// stored its segments: without a check at the end the objector was placed again until the next segmentation.
    /// </summary>
    [Fact]
    public async Task RunAsync_ACustomerObjectsWhileItComputes_IsInNoSegmentOfIt()
    {
        await using var database = await DemoAsync();
        int objector;
        await using (var db = database.CreateContext())
        {
            objector = await db.Orders.Where(o => o.CustomerId != null && !o.IsCancellation).GroupBy(o => o.CustomerId!.Value)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Select(g => g.Key).FirstAsync();
        }
        var staff = new StaffActor("associate-id", "associate@retailrecs.example");
        var objects = new AfterCommand(sql => sql.Contains("\"RenamedBy\" IS NOT NULL", StringComparison.Ordinal), () =>
            database.Get<RetailRecs.Core.Privacy.CustomerConsentService>().RecordAsync(objector, false,
                RetailRecs.Core.Privacy.ConsentOrigin.Counter(staff), staff));
        await using var instance = database.AnotherInstance(s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(objects));

        var run = await instance.GetRequiredService<SegmentationService>().RunAsync(new SegmentationOptions(), "test");

        await using var check = database.CreateContext();
        Assert.True(await check.Customers.Where(c => c.Id == objector).Select(c => c.PersonalizationOptOut).SingleAsync()); // the objection came
        Assert.True(run.Customers > 100);
        Assert.False(await check.CustomerSegments.AnyAsync(s => s.RunId == run.Id && s.CustomerId == objector));
        Assert.Null(await database.Get<SegmentQueries>().ForCustomerAsync(objector));
        // The sizes shown count the members there are.
        var overview = (await database.Get<SegmentQueries>().CurrentAsync())!;
        var members = await check.CustomerSegments.CountAsync(s => s.RunId == run.Id);
        Assert.Equal(members, overview.Segments.Sum(s => s.Size));
        Assert.Equal(members, await check.SegmentationRuns.Where(r => r.Id == run.Id).Select(r => r.Customers).SingleAsync());
        // So do the shares of revenue (the objector, the most frequent buyer, no longer in them).
        var spend = (await check.CustomerSegments.Where(s => s.RunId == run.Id).Select(s => new { s.SegmentId, s.Monetary }).ToListAsync())
            .GroupBy(s => s.SegmentId).ToDictionary(g => g.Key, g => (double)g.Sum(s => s.Monetary));
        Assert.All(overview.Segments, s => Assert.Equal(spend.GetValueOrDefault(s.Id) / spend.Values.Sum(), s.RevenueShare, 6));
    }

    [Fact]
    public async Task RunAsync_DemoData_StoresEveryCustomerWithASegmentAndRfmScores_AndBecomesCurrent()
    {
        await using var database = await DemoAsync();

        var run = await database.Get<SegmentationService>().RunAsync(new SegmentationOptions(), "test");

        Assert.Equal(ModelRunStatus.Succeeded, run.Status);
        await using var db = database.CreateContext();
        var buyers = await db.Orders.Where(o => o.CustomerId != null && !o.IsCancellation).Select(o => o.CustomerId).Distinct().CountAsync();
        Assert.Equal(buyers, run.Customers);
        Assert.Equal(buyers, await db.CustomerSegments.CountAsync(c => c.RunId == run.Id));
        Assert.True(await db.CustomerSegments.AllAsync(c => c.RecencyScore >= 1 && c.RecencyScore <= 5 && c.RfmSegment != ""));
        var overview = await database.Get<SegmentQueries>().CurrentAsync();
        Assert.NotNull(overview);
        Assert.Equal(run.Id, overview.RunId);
        Assert.Equal(run.K, overview.Segments.Count);
        Assert.Equal(buyers, overview.Segments.Sum(s => s.Size));
        Assert.Equal(8, overview.Scores.Count);
        Assert.Equal(buyers, overview.RfmGrid.Cast<int>().Sum());
        Assert.NotEmpty(overview.Map);
        // Each segment's best sellers are stored for the recommender, bought by members of that segment.
        var biggest = overview.Segments[0];
        Assert.NotEmpty(biggest.Profile.TopProducts);
        var top = biggest.Profile.TopProducts[0];
        var buyersOfTop = await db.OrderLines.Where(l => l.ProductId == top.ProductId && l.Quantity > 0 && !l.Order!.IsCancellation)
            .Select(l => l.Order!.CustomerId).Distinct()
            .CountAsync(id => db.CustomerSegments.Any(c => c.CustomerId == id && c.SegmentId == biggest.Id));
        Assert.Equal(buyersOfTop, top.Customers);
    }

    [Fact]
    public async Task ForCustomerAsync_LaterRun_ReplacesTheSegmentTheCustomerCardReads()
    {
        await using var database = await DemoAsync();
        var service = database.Get<SegmentationService>();
        var first = await service.RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        await using var db = database.CreateContext();
        var customerId = await db.CustomerSegments.Where(c => c.RunId == first.Id).Select(c => c.CustomerId).FirstAsync();

        var second = await service.RunAsync(new SegmentationOptions { FixedK = 5 }, "test");
        var info = await database.Get<SegmentQueries>().ForCustomerAsync(customerId);

        Assert.NotNull(info);
        var expected = await db.CustomerSegments.Where(c => c.RunId == second.Id && c.CustomerId == customerId).Select(c => c.Segment!.Name).SingleAsync();
        Assert.Equal(expected, info.Segment);
        Assert.Equal(1, await db.SegmentationRuns.CountAsync(r => r.IsCurrent));
        Assert.Equal(second.Id, (await database.Get<SegmentQueries>().CurrentAsync())!.RunId);
        Assert.Equal(2, (await database.Get<SegmentQueries>().HistoryAsync()).Count);
    }

    [Fact]
    public async Task RunAsync_FailedRun_IsRecordedWithItsReason_AndThePreviousSegmentsStayCurrent()
    {
        await using var database = await DemoAsync();
        var service = database.Get<SegmentationService>();
        var good = await service.RunAsync(new SegmentationOptions { FixedK = 3 }, "test");

        var e = await Assert.ThrowsAsync<SegmentationException>(() => service.RunAsync(new SegmentationOptions { FixedK = 40 }, "test"));

        Assert.Contains("between 2 and 20", e.Message);
        var history = await database.Get<SegmentQueries>().HistoryAsync();
        Assert.Equal(ModelRunStatus.Failed, history[0].Status);
        Assert.Equal(e.Message, history[0].Error);
        Assert.Equal(good.Id, (await database.Get<SegmentQueries>().CurrentAsync())!.RunId);
    }

    [Fact]
    public async Task RunAsync_TooFewCustomers_FailsWithAMessageSayingWhatToDo()
    {
        await using var database = await TestDatabase.CreateAsync();

        var e = await Assert.ThrowsAsync<SegmentationException>(() => database.Get<SegmentationService>().RunAsync(new SegmentationOptions(), "test"));

        Assert.Contains("there are 0", e.Message);
        Assert.Contains("Import more sales", e.Message);
        Assert.Null(await database.Get<SegmentQueries>().CurrentAsync());
    }

    [Fact]
    public async Task RenameAsync_ManagersName_IsAuditedAndCarriedToTheNextRunOfTheSameLook()
    {
        await using var database = await DemoAsync();
        var service = database.Get<SegmentationService>();
        var queries = database.Get<SegmentQueries>();
        await service.RunAsync(new SegmentationOptions { FixedK = 4 }, "test");
        var segment = (await queries.CurrentAsync())!.Segments[0];
        var actor = new StaffActor("u1", "manager@retailrecs.example");

        Assert.Null(await queries.RenameAsync(segment.Id, "  Our regulars ", actor));
        Assert.Contains("already called", await queries.RenameAsync((await queries.CurrentAsync())!.Segments[1].Id, "Our regulars", actor));
        await service.RunAsync(new SegmentationOptions { FixedK = 4 }, "test");

        var renamed = (await queries.CurrentAsync())!.Segments.Single(s => s.GeneratedName == segment.GeneratedName);
        Assert.Equal("Our regulars", renamed.Name);
        var audit = await database.Get<AuditLog>().SearchAsync(action: "segment.renamed");
        Assert.Equal(segment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), Assert.Single(audit).EntityId);
    }

    [Fact]
    public async Task MembersAsync_Segment_ListsMostValuableFirstWithTheirRfm()
    {
        await using var database = await DemoAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        var queries = database.Get<SegmentQueries>();
        var segment = (await queries.CurrentAsync())!.Segments[0];

        var (members, total) = await queries.MembersAsync(segment.Id, 0, 10, StaffActor.System);

        Assert.Equal(segment.Size, total);
        Assert.Equal(Math.Min(10, total), members.Count);
        Assert.Equal(members.Select(m => m.Monetary).OrderDescending(), members.Select(m => m.Monetary));
        Assert.All(members, m => Assert.Matches("^[1-5]{3}$", m.Rfm));
    }

    /// <summary>A manager could page through every segment, nearly the whole customer base by name, and only card openings were audited.</summary>
    [Fact]
    public async Task MembersAsync_EachPageViewed_IsAuditedOnceWithTheSegmentAndRows_NeverTheNames()
    {
        await using var database = await DemoAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        var queries = database.Get<SegmentQueries>();
        var segment = (await queries.CurrentAsync())!.Segments.First(s => s.Size > 10);
        var manager = new StaffActor("m-1", "manager@store.example");

        var (first, _) = await queries.MembersAsync(segment.Id, 0, 10, manager);
        await queries.MembersAsync(segment.Id, 10, 10, manager);

        await using var db = database.CreateContext();
        var entries = await db.AuditEntries.Where(a => a.Action == SegmentQueries.MembersViewedAction).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal([$"rows 1–10 of {segment.Size}", $"rows 11–{Math.Min(20, segment.Size)} of {segment.Size}"], entries.Select(e => e.Details));
        Assert.All(entries, e => Assert.Equal((manager.UserName, segment.Id.ToString()), (e.UserName, e.EntityId)));
        Assert.DoesNotContain(entries, e => e.Details!.Contains(first[0].CustomerCode, StringComparison.Ordinal));
    }
}
