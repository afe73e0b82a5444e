using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Holds the champion model in memory and swaps it atomically: a request reads one reference, so it sees either the
/// old model or the new one, never half of each. The champion is the database's (IsChampion), so every app instance
/// converges on it: a promotion on another instance arrives through the change feed within seconds (the new champion
/// is loaded before it serves), and the id is re-checked at most every <see cref="RecheckInterval"/> in case a notice
/// was lost.
/// </summary>
public sealed class ModelRegistry(IDbContextFactory<RetailDbContext> contexts, ChangeFeed feed, IEnumerable<IChampionHold> holds, ILogger<ModelRegistry> logger)
    : IChangeListener
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);
    public const string PromotedAction = "model.promoted";

    public sealed record Served(int RunId, ModelBundle Bundle, TimeSpan LoadTime);

    private readonly SemaphoreSlim _loadLock = new(1, 1);
    // Every bundle this registry loaded and something still holds (the champion, experiment variants, evaluations),
    // so an erasure reaches all of them at once.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ModelBundle, object> _loaded = new();
    private volatile Served? _champion;
    private long _checkedAt = long.MinValue;

    /// <summary>
    /// Why the database's champion does not serve on this instance (its stored model could not be read), in words for
    /// an admin; null when it serves. The model loaded before keeps serving meanwhile, if there was one.
    /// </summary>
    public string? ChampionProblem { get; private set; }

    /// <summary>The champion, loaded on first use; null when no model has been promoted yet.</summary>
    public async Task<Served?> GetChampionAsync(CancellationToken ct = default)
    {
        var current = _champion;
        if (RecentlyChecked(current))
        {
            return current;
        }
        await _loadLock.WaitAsync(ct);
        try
        {
            current = _champion;
            if (RecentlyChecked(current))
            {
                return current;
            }
            return await ReadChampionAsync(current, ct);
        }
        finally
        {
            _loadLock.Release();
        }
    }

    /// <summary>
    /// The answer in memory stands until the re-check: a champion, or no champion because its model could not be read
    /// (each request would otherwise load it again). No champion at all is read each time: the first training's
    /// promotion must serve at once.
    /// </summary>
    private bool RecentlyChecked(Served? current) => (current is not null || ChampionProblem is not null)
        && Stopwatch.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < RecheckInterval;

    /// <summary>Reads which run is the champion and loads it if it is not the one in memory. Called holding the load lock.</summary>
    private async Task<Served?> ReadChampionAsync(Served? current, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var championId = await db.ModelRuns.Where(r => r.IsChampion).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct);
        if (championId != current?.RunId)
        {
            try
            {
                current = championId is { } id ? await LoadAsync(db, id, ct) : null;
                _champion = current;
                ChampionProblem = null;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A stored model this version cannot read (written by a newer one during a rolling upgrade, or damaged):
                // the last good model keeps serving, and the next re-check tries again rather than every request.
                logger.LogError(e, "The champion, model run {RunId}, could not be loaded; {Serving}", championId,
                    current is null ? "no model serves on this instance" : $"run {current.RunId} keeps serving");
                ChampionProblem = $"The champion, run {championId}, could not be loaded on this server ({e.Message}). "
                    + (current is null ? "No model serves here: suggestions are unavailable. " : $"Run {current.RunId}, loaded before, keeps serving. ")
                    + "Train again, or promote another run.";
            }
        }
        Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        return current;
    }

    /// <summary>
    /// Makes a successful run the champion: its artifact is loaded first, so a run that cannot be read never replaces
    /// the model that serves. Refused when the run is already the champion or is no longer the latest successful run of
    /// its algorithm (a page showing an older state): checked by the update itself, inside the promotion's
    /// transaction, so two staff promoting at once cannot both succeed on a stale view. Written to the audit log.
    /// </summary>
    public Task PromoteAsync(int runId, StaffActor actor, CancellationToken ct = default) => PromoteAsync(runId, actor, mustBeLatest: true, ct);

    /// <summary>
    /// Promotes the model an experiment tested and found the winner, even when its algorithm has been retrained since:
    /// the evidence is about that run. Still refused when it is already the champion.
    /// </summary>
    public Task PromoteTestedAsync(int runId, StaffActor actor, CancellationToken ct = default) => PromoteAsync(runId, actor, mustBeLatest: false, ct);

    /// <summary>
    /// Promotes the run a training chose by comparing it with <paramref name="comparedWith"/> (null: no champion then),
    /// only if that is still the champion: an admin's promotion (or an experiment's winner) made while the training ran
    /// is not silently replaced on evidence about another model. Refused in words otherwise.
    /// </summary>
    public Task PromoteChosenAsync(int runId, int? comparedWith, CancellationToken ct = default) =>
        PromoteAsync(runId, StaffActor.System, mustBeLatest: true, ct, new Replacing(comparedWith));

    /// <summary>Why the champion may not change now (<see cref="IChampionHold"/>), or null.</summary>
    public async Task<string?> HoldReasonAsync(RetailDbContext db, CancellationToken ct)
    {
        foreach (var hold in holds)
        {
            if (await hold.ReasonAsync(db, ct) is { } reason)
            {
                return reason;
            }
        }
        return null;
    }

    /// <summary>The champion a promotion expects to replace (null inside: none).</summary>
    private sealed record Replacing(int? RunId);

    // Promotions take turns on PostgreSQL: under read committed, two at once could each clear the other's champion
    // before it was set and leave two champions.
    private const long PromotionLockKey = 0x5252_7072_6F6D;

    private async Task PromoteAsync(int runId, StaffActor actor, bool mustBeLatest, CancellationToken ct, Replacing? replacing = null)
    {
        await _loadLock.WaitAsync(ct);
        string algorithm;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var run = await db.ModelRuns.AsNoTracking().SingleOrDefaultAsync(r => r.Id == runId, ct)
                ?? throw new InvalidOperationException($"There is no model run {runId}.");
            if (run.Status != ModelRunStatus.Succeeded)
            {
                throw new InvalidOperationException($"Run {runId} did not finish successfully ({run.Status}); only a trained model can serve.");
            }
            algorithm = run.Algorithm;
            var loaded = await LoadAsync(db, runId, ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql())
                {
                    await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({PromotionLockKey})", ct);
                }
                // Asked inside the promotion's transaction, so no page's older view of the experiments decides.
                if (await HoldReasonAsync(db, ct) is { } held)
                {
                    await tx.RollbackAsync(ct);
                    throw new InvalidOperationException($"Run {runId} was not made champion: {held}");
                }
                if (replacing is not null
                    && await db.ModelRuns.Where(r => r.IsChampion).Select(r => (int?)r.Id).FirstOrDefaultAsync(ct) is var current && current != replacing.RunId)
                {
                    await tx.RollbackAsync(ct);
                    throw new InvalidOperationException($"Run {runId} was not made champion: run {current} was promoted while it trained, and the "
                        + $"comparison was with {(replacing.RunId is { } was ? $"run {was}" : "no champion")}. Compare them on the Models page.");
                }
                await db.ModelRuns.Where(r => r.IsChampion && r.Id != runId).ExecuteUpdateAsync(s => s.SetProperty(r => r.IsChampion, false), ct);
                var now = DateTime.UtcNow;
                // Its stored model is checked again here: a training's clean-up may have removed it since it was loaded
                // (the winner of an experiment that has just stopped is no longer kept for it). The instances that load
                // the champion from the database could not.
                var candidate = db.ModelRuns.Where(r => r.Id == runId && !r.IsChampion && r.Status == ModelRunStatus.Succeeded && r.ArtifactRemovedAt == null);
                if (mustBeLatest)
                {
                    candidate = candidate.Where(r => !db.ModelRuns.Any(n => n.Algorithm == r.Algorithm && n.Id > r.Id && n.Status == ModelRunStatus.Succeeded));
                }
                var promoted = await candidate.ExecuteUpdateAsync(s => s
                    .SetProperty(r => r.IsChampion, true)
                    .SetProperty(r => r.PromotedAt, now)
                    .SetProperty(r => r.PromotedBy, actor.UserName), ct);
                if (promoted == 0)
                {
                    await tx.RollbackAsync(ct);
                    throw new InvalidOperationException(await WhyNotPromotableAsync(db, runId, ct));
                }
                // In the promotion's transaction: a promotion is never without its entry, and an entry that cannot be
                // written (a busy database) undoes the promotion rather than failing after it.
                db.AuditEntries.Add(AuditLog.Entry(actor, PromotedAction, nameof(ModelRun), runId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
            {
                // Rolled back: the old champion is still the database's and still the one in memory.
                throw fault;
            }
            _champion = loaded;
            ChampionProblem = null;
            Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
            logger.LogInformation("Model run {RunId} ({Algorithm}) is now the champion", runId, algorithm);
        }
        finally
        {
            _loadLock.Release();
        }
        await feed.TryPublishAsync(ChangeKinds.Champion, runId, CancellationToken.None); // committed: announced whatever follows
    }

    /// <summary>
    /// Another instance promoted a model: the new champion is read and loaded in the background (the feed goes on with
    /// other notices meanwhile), and requests keep the old champion until it is ready.
    /// </summary>
    public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (!fromThisInstance && notices.Any(n => n.Kind == ChangeKinds.Champion))
        {
            Volatile.Write(ref _refreshPending, 1);
            if (Interlocked.Exchange(ref _refreshing, 1) == 0)
            {
                _ = Task.Run(RefreshWhilePendingAsync, CancellationToken.None);
            }
        }
        return Task.CompletedTask;
    }

    private int _refreshing;
    private int _refreshPending;

    private async Task RefreshWhilePendingAsync()
    {
        do
        {
            try
            {
                while (Interlocked.Exchange(ref _refreshPending, 0) == 1)
                {
                    await _loadLock.WaitAsync();
                    try
                    {
                        await ReadChampionAsync(_champion, CancellationToken.None);
                    }
                    finally
                    {
                        _loadLock.Release();
                    }
                }
            }
            catch (Exception e)
            {
                // The 30 s re-check tries again.
                logger.LogWarning(e, "The champion promoted on another instance could not be loaded yet");
            }
            finally
            {
                Volatile.Write(ref _refreshing, 0);
            }
        }
        // A notice that arrived just as the loop ended starts another round.
        while (Volatile.Read(ref _refreshPending) == 1 && Interlocked.Exchange(ref _refreshing, 1) == 0);
    }

    /// <summary>Why a promotion changed nothing: the run's state as it is now, not as the page showed it.</summary>
    private static async Task<string> WhyNotPromotableAsync(RetailDbContext db, int runId, CancellationToken ct)
    {
        var run = await db.ModelRuns.AsNoTracking().SingleAsync(r => r.Id == runId, ct);
        if (run.IsChampion)
        {
            return $"Run {runId} is already the champion (promoted {run.PromotedAt:yyyy-MM-dd HH:mm} UTC by {run.PromotedBy}); nothing was changed.";
        }
        if (run.ArtifactRemovedAt is { } removed)
        {
            return $"Run {runId}'s stored model was removed on {removed.ToLocalTime().ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} as an older run, "
                + "so it cannot serve; promote a later run of the same model, or train again.";
        }
        var newer = await db.ModelRuns.AsNoTracking()
            .Where(n => n.Algorithm == run.Algorithm && n.Id > runId && n.Status == ModelRunStatus.Succeeded)
            .OrderByDescending(n => n.Id).Select(n => (int?)n.Id).FirstOrDefaultAsync(ct);
        return newer is { } id
            ? $"Run {runId} is no longer the latest {run.Algorithm} run: run {id} was trained since. Reload the page to see it."
            : $"Run {runId} can no longer be promoted ({run.Status}).";
    }

    /// <summary>
    /// Makes every model loaded in this process forget an erased customer at once (their own suggestions and their
    /// part in anyone else's). Models loaded later forget them when loaded, since the customer no longer exists.
    /// </summary>
    public void ForgetCustomer(int customerId)
    {
        foreach (var (bundle, _) in _loaded)
        {
            bundle.Forget(customerId);
        }
    }

    /// <summary>
    /// Makes every model loaded in this process forget the customers it learned who no longer exist (erased or
    /// anonymised by another app instance); returns how many it forgot.
    /// </summary>
    public int ForgetVanishedCustomers(IReadOnlySet<int> existing)
    {
        var forgotten = 0;
        foreach (var (bundle, _) in _loaded)
        {
            foreach (var id in bundle.CustomerIds.Where(id => !existing.Contains(id) && bundle.CustomerOf(id) is not null))
            {
                bundle.Forget(id);
                forgotten++;
            }
        }
        return forgotten;
    }

    /// <summary>Loads any successful run (for evaluation or comparison) without serving it.</summary>
    public async Task<ModelBundle> LoadRunAsync(int runId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await LoadAsync(db, runId, ct)).Bundle;
    }

    private async Task<Served> LoadAsync(RetailDbContext db, int runId, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var stored = await StoredArtifactReader.OpenAsync(db, runId, ct)
            ?? throw new InvalidOperationException(await db.ModelRuns.Where(r => r.Id == runId).Select(r => r.ArtifactRemovedAt).FirstOrDefaultAsync(ct) is { } removed
                ? $"Model run {runId}'s stored model was removed on {removed.ToLocalTime().ToString("d MMM yyyy", System.Globalization.CultureInfo.InvariantCulture)} as an older run; use a later run of the same model, or train again."
                : $"Model run {runId} has no stored model.");
        var bundle = ModelArtifact.Read(stored);
        // The run was created just before its training read the sales: what was stored later, it did not learn.
        var readFrom = await db.ModelRuns.Where(r => r.Id == runId).Select(r => r.StartedAt).SingleAsync(ct);
        bundle.Learned = new LearnedSales(bundle.LastDay, DateTime.SpecifyKind(readFrom, DateTimeKind.Utc));
        // Registered before reading the customers: an erasure committed after that read still reaches this bundle.
        _loaded.AddOrUpdate(bundle, runId);
        // The artifact was written before any later erasure: customers it learned who no longer exist are forgotten.
        var known = (await db.Customers.Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        foreach (var id in bundle.CustomerIds.Where(id => !known.Contains(id)))
        {
            bundle.Forget(id);
        }
        return new Served(runId, bundle, watch.Elapsed);
    }
}
