using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Recommendations.Feedback;

/// <summary>
/// Stores what happened to suggestions (shown, accepted, not interested, added to basket) with the model run and the
/// member of staff, for model feedback, dashboards and experiments. "Not interested" hides the product for that
/// customer from then on (the serving layer reads these events).
/// A list shown is one fact: its "shown" events and, in an experiment, its exposure are written together, once, by
/// the caller that knows the list reached the customer (<see cref="RecordShownAsync"/>).
/// </summary>
public sealed class InteractionRecorder(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task RecordAsync(int customerId, IReadOnlyCollection<int> productIds, InteractionType type, string source, int? modelRunId,
        string? staffUserId, CancellationToken ct = default)
    {
        if (productIds.Count == 0)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        Add(db, customerId, productIds, type, source, modelRunId, null, staffUserId);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// One list shown to the customer: a "shown" event per product and, when an experiment served it, one exposure.
    /// With <paramref name="unlessAlreadyShown"/>, nothing is written when it is the list last recorded for the
    /// customer, or part of it (the same list on another screen, e.g. turned to the customer, is not a second showing;
    /// that screen leaves out the customer's sensitive purchases, and before 2026-12-06 the shorter list was recorded
    /// again, with a second experiment exposure).
    /// </summary>
    /// <returns>Whether anything was written.</returns>
    public async Task<bool> RecordShownAsync(int customerId, SuggestionList list, string source, string? staffUserId, bool unlessAlreadyShown = false,
        CancellationToken ct = default)
    {
        var productIds = list.Items.Select(i => i.ProductId).ToList();
        if (productIds.Count == 0)
        {
            return false;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (unlessAlreadyShown && (await ShownLists.LatestAsync(db, [customerId], ct)).TryGetValue(customerId, out var latest)
            && latest.Products.IsSupersetOf(productIds) && latest.ModelRunId == list.ModelRunId)
        {
            return false;
        }
        Add(db, customerId, productIds, InteractionType.Shown, source, list.ModelRunId, list.Experiment?.Variant, staffUserId);
        if (list.Route is { } route)
        {
            db.ExperimentExposures.Add(ExperimentRouter.Exposure(route, customerId, productIds, source));
        }
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>
    /// The same list asked for again within this time (a retry, the web shop's page reloaded) is the same showing.
    /// </summary>
    public static readonly TimeSpan ServedAgainWithin = TimeSpan.FromMinutes(30);

    /// <summary>
    /// A list handed to a store system (the API), which shows it and reports "shown" itself: only the experiment
    /// exposure is the app's to write — once per list: before 2026-12-07 every GET of the same list wrote another.
    /// The check and the insert are one step per customer, so a till's retry sent while its first request is still
    /// being answered (on this instance or another) does not write the list twice: SQLite's transaction takes the write
    /// lock at its start, PostgreSQL and SQL Server wait on a lock of the customer's own (an advisory lock, an
    /// application lock). A list already written is found first without any lock, so a repeated request does not wait
    /// behind an import holding SQLite's write lock.
    /// </summary>
    public async Task RecordServedAsync(int customerId, SuggestionList list, string source, CancellationToken ct = default)
    {
        if (list.Route is not { } route || list.Items.Count == 0)
        {
            return;
        }
        var exposure = ExperimentRouter.Exposure(route, customerId, list.Items.Select(i => i.ProductId).ToList(), source);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await AlreadyServedAsync(db, exposure, ct))
        {
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({ExposureLockClass}, {customerId})", ct);
        }
        else if (db.Database.IsSqlServer())
        {
            // Not a serializable transaction: its range lock on the exposures' index spans other customers' rows too, so two
            // customers' requests at once deadlocked.
            var resource = string.Create(CultureInfo.InvariantCulture, $"retailrecs-exposure-{customerId}");
            await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = {resource}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", ct);
        }
        if (await AlreadyServedAsync(db, exposure, ct))
        {
            return;
        }
        db.ExperimentExposures.Add(exposure);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
    }

    /// <summary>First key of PostgreSQL's two-key advisory lock on a customer's exposures ("REXP"; the second is the customer).</summary>
    private const int ExposureLockClass = 0x5245_5850;

    private static Task<bool> AlreadyServedAsync(RetailDbContext db, ExperimentExposure exposure, CancellationToken ct)
    {
        var since = exposure.OccurredAt - ServedAgainWithin;
        return db.ExperimentExposures.AnyAsync(e => e.ExperimentId == exposure.ExperimentId && e.OccurredAt >= since && e.CustomerId == exposure.CustomerId
            && e.Source == exposure.Source && e.Variant == exposure.Variant && e.ProductIds == exposure.ProductIds, ct);
    }

    private static void Add(RetailDbContext db, int customerId, IReadOnlyCollection<int> productIds, InteractionType type, string source,
        int? modelRunId, string? variant, string? staffUserId)
    {
        // One timestamp for the whole list: the events written together are recognisable as one list (ShownLists).
        var now = DateTime.UtcNow;
        db.InteractionEvents.AddRange(productIds.Select(p => new InteractionEvent
        {
            CustomerId = customerId,
            ProductId = p,
            Type = type,
            Source = source,
            ModelRunId = modelRunId,
            ExperimentVariant = variant,
            StaffUserId = staffUserId,
            OccurredAt = now,
        }));
    }
}
