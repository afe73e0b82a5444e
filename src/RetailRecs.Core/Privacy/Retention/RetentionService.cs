using System.Data;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Clock;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Privacy.Retention;

/// <summary>
/// Applies the retention policy (<see cref="RetentionOptions"/>): long-inactive customers anonymised by the erasure's
/// own rule (<see cref="CustomerAnonymisation"/>), old interaction events, exposures and audit entries deleted. In
/// bounded batches, each in its own transaction, so memory stays flat on a chain's data and an interrupted run leaves
/// every customer whole or anonymised. A dry run counts the same things and changes nothing. Every run, dry or not,
/// leaves one audit entry with its counts: the last one is what admins see.
/// </summary>
public sealed class RetentionService(IDbContextFactory<RetailDbContext> contexts, ShopClock clock, TimeProvider time,
    IOptions<RetentionOptions> options, ModelRegistry models, LiveUpdates live, ILogger<RetentionService> logger)
{
    public const string RunAction = "privacy.retention";
    public const string ClaimAction = "privacy.retention.claimed";
    public const string EntityType = "Retention";
    public const string Applied = "applied";
    public const string DryRun = "dry-run";

    /// <summary>
    /// Audit entries no age removes: proof that an erasure or the policy was honoured (no personal data in them), and
    /// the objections to personalisation, which must be shown for as long as the customer is kept.
    /// </summary>
    public static readonly IReadOnlyList<string> KeptActions =
        [CustomerErasureService.ErasedAction, RunAction, Ingestion.CatalogUpserts.OptOutChangedAction];

    public RetentionOptions Policy => options.Value;

    /// <summary>Applies the policy (or with <paramref name="dryRun"/> only counts), records the run, and returns its report.</summary>
    /// <param name="trigger">What started it, in words: "daily job", "command line", "admin".</param>
    public async Task<RetentionReport> RunAsync(bool dryRun, StaffActor actor, string trigger, CancellationToken ct = default)
    {
        var policy = options.Value;
        if (policy.Problem() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var watch = Stopwatch.StartNew();
        var now = time.GetUtcNow().UtcDateTime;
        RetentionReport report;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            // Customers' inactivity is measured on the shop's clock: sales carry the shop's dates, and for historical
            // data (an export that ended years ago) the real date would make every customer inactive on the first
            // night. Events and audit entries are stamped by this app with the real time, so they age by it.
            var shop = await clock.TodayAsync(db, ct);
            report = new RetentionReport
            {
                StartedAt = now, DryRun = dryRun, Trigger = trigger, By = actor.UserName,
                ShopToday = shop.Today, ShopDataHistorical = shop.Historical,
                CustomersInactiveBefore = policy.CustomersInactiveMonths > 0 ? shop.Today.AddMonths(-policy.CustomersInactiveMonths) : null,
                InteractionsBefore = policy.InteractionsMonths > 0 ? now.AddMonths(-policy.InteractionsMonths) : null,
                AuditEntriesBefore = policy.AuditEntriesMonths > 0 ? now.AddMonths(-policy.AuditEntriesMonths) : null,
            };
            report = report with { CustomersWithoutDate = await Undated(db).CountAsync(ct) };
            if (dryRun)
            {
                report = await CountAsync(db, report, ct);
            }
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault; // nothing changed yet: the database is busy or unreachable, in words for the admin
        }
        if (!dryRun)
        {
            report = await ApplyAsync(report, policy, ct);
        }
        report = report with { Milliseconds = watch.ElapsedMilliseconds };
        await RecordAsync(report, actor, CancellationToken.None);
        if (report.Failure is not null && !report.Completed)
        {
            throw new RetentionInterruptedException(report);
        }
        return report;
    }

    /// <summary>
    /// The daily job's step, called every few minutes by each app instance: runs the policy for real once per UTC day,
    /// from <see cref="RetentionOptions.DailyAtUtc"/> on, on whichever instance claims the day first. Null when it is
    /// off, not yet due, or this day's run was claimed already (by this or another instance).
    /// </summary>
    public async Task<RetentionReport?> RunDailyIfDueAsync(CancellationToken ct = default)
    {
        if (DueDay() is not { } day || !await TryClaimDayAsync(day, ct))
        {
            return null;
        }
        return await RunAsync(dryRun: false, StaffActor.System, DailyTrigger, ct);
    }

    /// <summary>What the daily run says started it.</summary>
    public const string DailyTrigger = "daily job";

    /// <summary>Today (UTC) when the daily run is on and its hour has come; null otherwise. Whether the day is still unclaimed is <see cref="TryClaimDayAsync"/>'s to say.</summary>
    public DateOnly? DueDay()
    {
        var policy = options.Value;
        if (!policy.RunDaily || !TimeOnly.TryParse(policy.DailyAtUtc, CultureInfo.InvariantCulture, out var at))
        {
            return null;
        }
        var now = time.GetUtcNow().UtcDateTime;
        return TimeOnly.FromDateTime(now) < at ? null : DateOnly.FromDateTime(now);
    }

    /// <summary>
    /// Claims one UTC day for the daily run: a claim entry in the audit log, inserted only if none exists for the day,
    /// in a serializable transaction. Several instances share one database, so the check and the insert must be one
    /// step: SQLite takes the write lock at the start (the second instance waits, then sees the claim); PostgreSQL and
    /// SQL Server fail one of two concurrent claimers (serialization failure or deadlock victim), which then finds the
    /// other's claim. A unique claims table would say the same with a constraint, at the price of a migration; the
    /// audit entry also tells admins which instance ran the day.
    /// </summary>
    public async Task<bool> TryClaimDayAsync(DateOnly day, CancellationToken ct = default)
    {
        var key = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            await using var tx = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, ct);
            if (await db.AuditEntries.AnyAsync(a => a.EntityType == EntityType && a.EntityId == key && a.Action == ClaimAction, ct))
            {
                return false;
            }
            db.AuditEntries.Add(AuditLog.Entry(StaffActor.System, ClaimAction, EntityType, key, $"daily run claimed by {ProcessOwner.Current}"));
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (await db.AuditEntries.AnyAsync(a => a.EntityType == EntityType && a.EntityId == key && a.Action == ClaimAction, ct))
            {
                return false; // lost the race to another instance
            }
            throw;
        }
    }

    /// <summary>The newest run of any kind, and the newest that changed data (null when there was none).</summary>
    public async Task<(RetentionReport? Last, RetentionReport? LastApplied)> LastRunsAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = db.AuditEntries.AsNoTracking().Where(a => a.EntityType == EntityType && a.Action == RunAction);
        var last = await runs.OrderByDescending(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(ct);
        var applied = await runs.Where(a => a.EntityId == Applied).OrderByDescending(a => a.Id).Select(a => a.Details).FirstOrDefaultAsync(ct);
        return (RetentionReport.FromJson(last), RetentionReport.FromJson(applied));
    }

    private async Task<RetentionReport> CountAsync(RetailDbContext db, RetentionReport report, CancellationToken ct)
    {
        if (report.CustomersInactiveBefore is { } since)
        {
            var inactive = Inactive(db, since).Select(c => c.Id);
            report = report with
            {
                CustomersAnonymised = await inactive.CountAsync(ct),
                OrdersAnonymised = await db.Orders.CountAsync(o => o.CustomerId != null && inactive.Contains(o.CustomerId.Value), ct),
            };
        }
        if (report.InteractionsBefore is { } events)
        {
            report = report with
            {
                InteractionsDeleted = await OldInteractions(db, events).CountAsync(ct),
                ExposuresDeleted = await OldExposures(db, events).CountAsync(ct),
            };
        }
        if (report.AuditEntriesBefore is { } audit)
        {
            report = report with { AuditEntriesDeleted = await OldAuditEntries(db, audit).CountAsync(ct) };
        }
        return report;
    }

    private async Task<RetentionReport> ApplyAsync(RetentionReport report, RetentionOptions policy, CancellationToken ct)
    {
        var size = policy.DeleteBatchSize;
        var counts = AnonymisationCounts.None;
        // One connection for the whole run, each batch its own statement or transaction on it.
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(2));
        await db.Database.OpenConnectionAsync(ct);
        // Deleting hundreds of thousands of rows updates four indexes per row: twice as fast with a wide page cache.
        var cache = await SqlitePageCache.WidenAsync(db, ct);
        try
        {
            // Ages first, so the counts match a dry run's; then the customers, whose remaining rows go with them.
            if (report.InteractionsBefore is { } events)
            {
                report = report with
                {
                    InteractionsDeleted = await DeleteInBatchesAsync(() => OldInteractions(db, events).OrderBy(e => e.OccurredAt).Take(size), ct),
                };
                report = report with
                {
                    ExposuresDeleted = await DeleteInBatchesAsync(() => OldExposures(db, events).OrderBy(e => e.OccurredAt).Take(size), ct),
                };
            }
            if (report.AuditEntriesBefore is { } audit)
            {
                report = report with
                {
                    AuditEntriesDeleted = await DeleteInBatchesAsync(() => OldAuditEntries(db, audit).OrderBy(a => a.At).Take(size), ct),
                };
            }
            if (report.CustomersInactiveBefore is { } since)
            {
                while (true)
                {
                    var batch = await AnonymiseBatchAsync(db, since, policy.CustomerBatchSize, ct);
                    counts = counts.Add(batch);
                    if (batch.Customers < policy.CustomerBatchSize)
                    {
                        break;
                    }
                }
            }
            return report with { CustomersAnonymised = counts.Customers, OrdersAnonymised = counts.OrdersAnonymised, WithTheCustomers = counts };
        }
        catch (Exception e)
        {
            // Whatever stopped it, what was committed stays and is reported: the admin sees how far it got.
            logger.LogWarning(e, "Retention run stopped after {Customers} customers anonymised", counts.Customers);
            var why = e is OperationCanceledException ? "the app was stopping." : StorageFaults.Describe(e)?.Message ?? e.Message;
            why = why.Length <= 300 ? why : why[..300] + "…"; // the report must fit the audit entry's details
            return report with
            {
                CustomersAnonymised = counts.Customers, OrdersAnonymised = counts.OrdersAnonymised, WithTheCustomers = counts,
                Completed = false, Failure = why,
            };
        }
        finally
        {
            // Before the connection goes back to the pool: later work on it keeps SQLite's usual cache.
            if (cache is not null)
            {
                await cache.DisposeAsync();
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>One batch of inactive customers, chosen and anonymised in one transaction; the models forget them once committed.</summary>
    private async Task<AnonymisationCounts> AnonymiseBatchAsync(RetailDbContext db, DateOnly since, int size, CancellationToken ct)
    {
        List<int> ids;
        AnonymisationCounts counts;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            // Chosen inside the transaction: a sale that arrived since the count keeps its customer.
            ids = await Inactive(db, since).OrderBy(c => c.Id).Select(c => c.Id).Take(size).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return AnonymisationCounts.None;
            }
            counts = await CustomerAnonymisation.ApplyAsync(db, ids, ct);
            await tx.CommitAsync(ct);
        }
        CustomerAnonymisation.ForgetInModels(ids, models, live);
        return counts;
    }

    private static async Task<int> DeleteInBatchesAsync<T>(Func<IQueryable<T>> batch, CancellationToken ct) where T : class
    {
        var total = 0;
        while (true)
        {
            var deleted = await batch().ExecuteDeleteAsync(ct);
            total += deleted;
            if (deleted == 0)
            {
                return total;
            }
        }
    }

    private async Task RecordAsync(RetentionReport report, StaffActor actor, CancellationToken ct)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.AuditEntries.Add(AuditLog.Entry(actor, RunAction, EntityType, report.DryRun ? DryRun : Applied, report.ToJson()));
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (StorageFaults.Describe(e) is not null || e is DbUpdateException)
        {
            logger.LogError(e, "Retention run finished but its audit entry could not be written");
        }
    }

    /// <summary>Customers whose last sale and joining date are both before <paramref name="since"/> (at least one of them known).</summary>
    internal static IQueryable<Customer> Inactive(RetailDbContext db, DateOnly since)
    {
        var start = since.ToDateTime(TimeOnly.MinValue);
        return db.Customers.Where(c => !db.Orders.Any(o => o.CustomerId == c.Id && o.PlacedAt >= start)
                                       && (c.JoinedOn == null || c.JoinedOn < since)
                                       && (c.JoinedOn != null || db.Orders.Any(o => o.CustomerId == c.Id)));
    }

    private static IQueryable<Customer> Undated(RetailDbContext db) =>
        db.Customers.Where(c => c.JoinedOn == null && !db.Orders.Any(o => o.CustomerId == c.Id));

    private static IQueryable<InteractionEvent> OldInteractions(RetailDbContext db, DateTime before) =>
        db.InteractionEvents.Where(e => e.OccurredAt < before);

    /// <summary>A running experiment's exposures are its evidence: they wait until it stops.</summary>
    private static IQueryable<ExperimentExposure> OldExposures(RetailDbContext db, DateTime before) =>
        db.ExperimentExposures.Where(e => e.OccurredAt < before
                                          && !db.Experiments.Any(x => x.Id == e.ExperimentId && x.Status == ExperimentStatus.Running));

    private static IQueryable<AuditEntry> OldAuditEntries(RetailDbContext db, DateTime before)
    {
        var kept = KeptActions.ToList();
        return db.AuditEntries.Where(a => a.At < before && !kept.Contains(a.Action));
    }
}

/// <summary>A real run stopped midway (the app stopping, the database unavailable); its report says how far it got.</summary>
public sealed class RetentionInterruptedException(RetentionReport report) : Exception(string.Join(" ", report.Lines()))
{
    public RetentionReport Report { get; } = report;
}
