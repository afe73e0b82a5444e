using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy.Retention;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Privacy.Retention;

/// <summary>The retention policy on the demo slice: exact counts, the dry run, the models, interruption and the daily claim.</summary>
public class RetentionServiceTests
{
    private static readonly DateOnly InactiveBefore = new(2011, 6, 9); // 6 months before the demo's last sale, 2011-12-09

    /// <summary>The customers the policy should anonymise, worked out in memory from every order: last sale before the day.</summary>
    private static async Task<(HashSet<int> Inactive, int Customers, int TheirOrders)> ExpectedAsync(RetentionDemoDatabase demo)
    {
        await using var db = demo.Database.CreateContext();
        var orders = await db.Orders.Where(o => o.CustomerId != null).Select(o => new { Customer = o.CustomerId!.Value, o.PlacedAt }).ToListAsync();
        var customers = await db.Customers.Select(c => new { c.Id, c.JoinedOn }).ToListAsync();
        var last = orders.GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => DateOnly.FromDateTime(g.Max(o => o.PlacedAt)));
        var inactive = customers.Where(c =>
            {
                DateOnly? latest = last.TryGetValue(c.Id, out var sale) ? sale : null;
                if (c.JoinedOn is { } joined && (latest is null || joined > latest))
                {
                    latest = joined;
                }
                return latest < InactiveBefore;
            }).Select(c => c.Id).ToHashSet();
        return (inactive, customers.Count, orders.Count(o => inactive.Contains(o.Customer)));
    }

    [Fact]
    public async Task RunAsync_DemoSlice_AnonymisesAndDeletesExactlyWhatThePolicySays()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync();
        var (inactive, customers, theirOrders) = await ExpectedAsync(demo);
        Assert.InRange(inactive.Count, 1, customers - 1); // some qualify, not all
        int anonymisedBefore, eventsBefore, auditBefore;
        await using (var db = demo.Database.CreateContext())
        {
            anonymisedBefore = await db.Orders.CountAsync(o => o.IsAnonymised);
            eventsBefore = await db.InteractionEvents.CountAsync();
            auditBefore = await db.AuditEntries.CountAsync();
        }

        var report = await demo.Retention.RunAsync(dryRun: false, RetentionDemoDatabase.Admin, "test");

        Assert.True(report.Completed);
        Assert.Equal(new DateOnly(2011, 12, 9), report.ShopToday);
        Assert.True(report.ShopDataHistorical);
        Assert.Equal(InactiveBefore, report.CustomersInactiveBefore);
        Assert.Equal(inactive.Count, report.CustomersAnonymised);
        Assert.Equal(theirOrders, report.OrdersAnonymised);
        Assert.Equal(RetentionDemoDatabase.OldEvents, report.InteractionsDeleted);
        Assert.Equal(RetentionDemoDatabase.OldAuditEntries, report.AuditEntriesDeleted);
        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(customers - inactive.Count, await db.Customers.CountAsync());
            Assert.Equal(0, await db.Customers.CountAsync(c => inactive.Contains(c.Id)));
            Assert.Equal(anonymisedBefore + theirOrders, await db.Orders.CountAsync(o => o.IsAnonymised));
            Assert.Equal(eventsBefore - RetentionDemoDatabase.OldEvents, await db.InteractionEvents.CountAsync());
            // Old entries gone, the old erasure and retention records kept; one new entry: this run's.
            Assert.Equal(auditBefore - RetentionDemoDatabase.OldAuditEntries + 1, await db.AuditEntries.CountAsync());
            var sixYearsAgo = RetentionDemoDatabase.RealNow.UtcDateTime.AddMonths(-72);
            Assert.Equal(RetentionDemoDatabase.OldKeptAuditEntries, await db.AuditEntries.CountAsync(a => a.At < sixYearsAgo));
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.Equal((RetentionService.RunAction, RetentionService.Applied, RetentionDemoDatabase.Admin.UserName),
                (entry.Action, entry.EntityId, entry.UserName));
            Assert.Equal(inactive.Count, RetentionReport.FromJson(entry.Details)!.CustomersAnonymised);
            Assert.InRange(entry.Details!.Length, 1, 1000); // fits the column on every provider
        }
    }

    [Fact]
    public async Task RunAsync_DryRun_ReportsWhatTheRealRunThenDoesAndChangesNothing()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync();
        var before = await RowCountsAsync(demo);

        var dry = await demo.Retention.RunAsync(dryRun: true, RetentionDemoDatabase.Admin, "test");

        var after = await RowCountsAsync(demo);
        Assert.Equal(before with { Audit = before.Audit + 1 }, after); // only its own record
        var (inactive, _, theirOrders) = await ExpectedAsync(demo);
        Assert.Equal(inactive.Count, dry.CustomersAnonymised);
        Assert.Equal(theirOrders, dry.OrdersAnonymised);
        Assert.True(dry.DryRun);
        var real = await demo.Retention.RunAsync(dryRun: false, RetentionDemoDatabase.Admin, "test");
        Assert.Equal((dry.CustomersAnonymised, dry.OrdersAnonymised, dry.InteractionsDeleted, dry.ExposuresDeleted, dry.AuditEntriesDeleted),
            (real.CustomersAnonymised, real.OrdersAnonymised, real.InteractionsDeleted, real.ExposuresDeleted, real.AuditEntriesDeleted));
        var (last, applied) = await demo.Retention.LastRunsAsync();
        Assert.False(last!.DryRun);
        Assert.Equal(real.CustomersAnonymised, applied!.CustomersAnonymised);
    }

    [Fact]
    public async Task RunAsync_CustomersWithoutSales_JudgedByJoiningDateAndKeptWithoutOne()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync(p => (p.InteractionsMonths, p.AuditEntriesMonths) = (0, 0));
        await using (var db = demo.Database.CreateContext())
        {
            db.Customers.AddRange(
                new Customer { CustomerCode = "JOINED-LONG-AGO", JoinedOn = new DateOnly(2009, 5, 1) },
                new Customer { CustomerCode = "JOINED-LATELY", JoinedOn = new DateOnly(2011, 11, 1) },
                new Customer { CustomerCode = "NO-DATE" });
            await db.SaveChangesAsync();
        }
        var (inactive, _, _) = await ExpectedAsync(demo);

        var report = await demo.Retention.RunAsync(dryRun: false, RetentionDemoDatabase.Admin, "test");

        Assert.Equal(inactive.Count, report.CustomersAnonymised);
        Assert.Equal(1, report.CustomersWithoutDate);
        Assert.Equal((0, 0), (report.InteractionsDeleted, report.AuditEntriesDeleted)); // those parts are off
        Assert.Null(report.InteractionsBefore);
        await using (var db = demo.Database.CreateContext())
        {
            var left = await db.Customers.Where(c => c.CustomerCode.StartsWith("JOINED") || c.CustomerCode == "NO-DATE").Select(c => c.CustomerCode).OrderBy(c => c).ToListAsync();
            Assert.Equal(["JOINED-LATELY", "NO-DATE"], left);
            Assert.Equal(RetentionDemoDatabase.OldEvents + RetentionDemoDatabase.RecentEvents, await db.InteractionEvents.CountAsync());
        }
    }

    [Fact]
    public async Task RunAsync_ServingModel_ForgetsTheAnonymisedCustomersAndTheNextTrainingHasNoneOfThem()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync();
        await demo.Database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.UserKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        var champion = (await demo.Database.Get<ModelRegistry>().GetChampionAsync())!;
        var (inactive, _, _) = await ExpectedAsync(demo);
        Assert.All(inactive, id => Assert.NotNull(champion.Bundle.CustomerOf(id)));

        await demo.Retention.RunAsync(dryRun: false, RetentionDemoDatabase.Admin, "test");

        Assert.All(inactive, id => Assert.Null(champion.Bundle.CustomerOf(id)));
        Assert.NotNull(champion.Bundle.CustomerOf(demo.ActiveCustomerId));
        var data = await demo.Database.Get<TrainingDataLoader>().LoadAsync(TrainingWindow.All);
        Assert.DoesNotContain(data.CustomerIds, inactive.Contains);
        Assert.Contains(demo.ActiveCustomerId, data.CustomerIds);
    }

    [Fact]
    public async Task RunAsync_InterruptedInTheSecondBatch_LeavesEachCustomerWholeOrAnonymised()
    {
        var failing = new FailOnNthCommand("DELETE FROM \"Customers\"", 2);
        await using var demo = await RetentionDemoDatabase.CreateAsync(interceptor: failing);
        var (inactive, _, _) = await ExpectedAsync(demo);
        Assert.True(inactive.Count > 2 * RetentionDemoDatabase.Policy().CustomerBatchSize);
        Dictionary<int, int> ordersBefore;
        await using (var db = demo.Database.CreateContext())
        {
            ordersBefore = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
        }

        var e = await Assert.ThrowsAsync<RetentionInterruptedException>(() => demo.Retention.RunAsync(false, RetentionDemoDatabase.Admin, "test"));

        Assert.False(e.Report.Completed);
        Assert.Equal(RetentionDemoDatabase.Policy().CustomerBatchSize, e.Report.CustomersAnonymised); // the first batch only
        await using (var db = demo.Database.CreateContext())
        {
            var left = await db.Customers.Select(c => c.Id).ToListAsync();
            var gone = inactive.Where(id => !left.Contains(id)).ToList();
            Assert.Equal(RetentionDemoDatabase.Policy().CustomerBatchSize, gone.Count);
            var linked = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N);
            foreach (var id in inactive)
            {
                // Anonymised: no customer, no order linked. Untouched: the customer and every order still linked.
                Assert.Equal(gone.Contains(id) ? 0 : ordersBefore[id], linked.GetValueOrDefault(id));
            }
            var entry = await db.AuditEntries.OrderByDescending(a => a.Id).FirstAsync();
            Assert.False(RetentionReport.FromJson(entry.Details)!.Completed); // the admin sees it stopped midway
        }

        failing.Disarmed = true; // the next run does the rest
        var next = await demo.Retention.RunAsync(false, RetentionDemoDatabase.Admin, "test");
        Assert.Equal(inactive.Count - RetentionDemoDatabase.Policy().CustomerBatchSize, next.CustomersAnonymised);
    }

    [Fact]
    public async Task RunDailyIfDueAsync_SecondCallTheSameDay_DoesNothing()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync(p => (p.RunDaily, p.DailyAtUtc) = (true, "03:00"));
        demo.Time.Now = new DateTimeOffset(2026, 12, 2, 2, 59, 0, TimeSpan.Zero);
        Assert.Null(await demo.Retention.RunDailyIfDueAsync()); // not yet due

        demo.Time.Now = new DateTimeOffset(2026, 12, 2, 3, 5, 0, TimeSpan.Zero);
        var runsBefore = await RunEntriesAsync(demo);
        var first = await demo.Retention.RunDailyIfDueAsync();
        var countsAfterFirst = await RowCountsAsync(demo);
        var second = await demo.Retention.RunDailyIfDueAsync();

        Assert.NotNull(first);
        Assert.True(first.CustomersAnonymised > 0);
        Assert.Equal(("daily job", "system"), (first.Trigger, first.By));
        Assert.Null(second);
        Assert.Equal(countsAfterFirst, await RowCountsAsync(demo));
        await using (var db = demo.Database.CreateContext())
        {
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == RetentionService.ClaimAction && a.EntityId == "2026-12-02"));
        }
        Assert.Equal(runsBefore + 1, await RunEntriesAsync(demo));
        demo.Time.Now = demo.Time.Now.AddDays(1); // the next day runs again (and finds nothing left to anonymise)
        var third = await demo.Retention.RunDailyIfDueAsync();
        Assert.NotNull(third);
        Assert.Equal(0, third.CustomersAnonymised);
    }

    [Fact]
    public async Task RunDailyIfDueAsync_Off_DoesNothing()
    {
        await using var demo = await RetentionDemoDatabase.CreateAsync(); // RunDaily is off by default
        var before = await RowCountsAsync(demo);

        Assert.Null(await demo.Retention.RunDailyIfDueAsync());

        Assert.Equal(before, await RowCountsAsync(demo));
    }

    private static async Task<int> RunEntriesAsync(RetentionDemoDatabase demo)
    {
        await using var db = demo.Database.CreateContext();
        return await db.AuditEntries.CountAsync(a => a.Action == RetentionService.RunAction);
    }

    private sealed record RowCounts(int Customers, int LinkedOrders, int Events, int Memberships, int Audit);

    private static async Task<RowCounts> RowCountsAsync(RetentionDemoDatabase demo)
    {
        await using var db = demo.Database.CreateContext();
        return new RowCounts(await db.Customers.CountAsync(), await db.Orders.CountAsync(o => o.CustomerId != null),
            await db.InteractionEvents.CountAsync(), await db.CustomerSegments.CountAsync(), await db.AuditEntries.CountAsync());
    }

    /// <summary>Fails the n-th command starting with the text, as a crash or a lost connection would at that point.</summary>
    private sealed class FailOnNthCommand(string prefix, int n) : DbCommandInterceptor
    {
        private int _seen;
        public bool Disarmed { get; set; }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken ct = default)
        {
            if (!Disarmed && command.CommandText.TrimStart().StartsWith(prefix, StringComparison.Ordinal) && ++_seen == n)
            {
                throw new InvalidOperationException("Simulated failure midway through the retention run.");
            }
            return base.NonQueryExecutingAsync(command, eventData, result, ct);
        }
    }
}
