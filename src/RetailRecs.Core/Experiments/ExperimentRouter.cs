using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Experiments;

/// <summary>
/// Decides, per suggestion request, whether the customer is in the running experiment and which variant's model
/// serves them. At most one experiment runs per unit type (the service refuses to start a
/// second), so a customer is never in two at once; a customer experiment is looked for before a store one. The
/// running experiments are re-read when the change feed says one started or stopped (here or on another instance),
/// and at most every <see cref="RecheckInterval"/> in case a notice was lost, and models of
/// variants that are not the champion are loaded once and kept while their experiment runs. Exposures are written by
/// whoever shows the list (<see cref="Exposure"/>), once per list shown.
/// </summary>
public sealed class ExperimentRouter(IDbContextFactory<RetailDbContext> contexts, ModelRegistry registry, ILogger<ExperimentRouter> logger)
    : IExperimentVariants, IChangeListener
{
    public static readonly TimeSpan RecheckInterval = TimeSpan.FromSeconds(30);

    private sealed record Running(Experiment Experiment, IReadOnlyList<ExperimentVariant> Variants);

    private volatile IReadOnlyList<Running>? _running;
    private long _checkedAt;
    private readonly ConcurrentDictionary<int, Lazy<Task<ModelRegistry.Served>>> _runs = new();

    /// <summary>Forgets what it read, so a start or stop takes effect at once in this process.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _running = null;
        _failedAt.Clear(); // an experiment changed: its models are read afresh
    }

    // Counts invalidations: a read that began before one must not put back what it read (it may predate the change).
    private long _generation;

    /// <summary>An experiment started or stopped on another instance: read the running ones again on the next request.</summary>
    public Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (notices.Any(n => n.Kind == ChangeKinds.Experiment))
        {
            Invalidate();
        }
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<ExperimentRoute?> RouteAsync(int customerId, CancellationToken ct = default)
    {
        var running = await RunningAsync(ct);
        if (running.Count == 0)
        {
            return null;
        }
        foreach (var r in running.OrderBy(r => r.Experiment.Unit == ExperimentUnit.Customer ? 0 : 1))
        {
            var unitKey = r.Experiment.Unit == ExperimentUnit.Customer
                ? customerId.ToString(CultureInfo.InvariantCulture)
                : await StoreUnitAsync(r.Experiment.Id, customerId, ct);
            if (unitKey is null)
            {
                continue;
            }
            var variant = ExperimentAssignment.Assign(unitKey, r.Experiment.Id, r.Variants);
            ModelRegistry.Served? served;
            try
            {
                served = variant.ModelRunId is { } runId ? await LoadAsync(runId, ct) : await registry.GetChampionAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A variant whose model cannot be read (removed, damaged, or written by a newer version during a rolling
                // upgrade) must not break the counter: the customer gets the champion and no exposure, which the
                // sample-ratio check then flags on the results. Any failure, as for the champion (a truncated model
                // throws EndOfStreamException or worse; before 2026-12-06 only two kinds were caught, and the rest
                // broke every lookup of the variant's customers).
                if (e is not UnreadableRecently)
                {
                    logger.LogError(e, "Experiment {Experiment}: variant {Variant} cannot be served", r.Experiment.Id, variant.Name);
                }
                return null;
            }
            if (served is null)
            {
                return null;
            }
            return new ExperimentRoute(r.Experiment.Id, r.Experiment.Name, variant, unitKey, served);
        }
        return null;
    }

    /// <summary>
    /// The exposure of one list actually shown under <paramref name="route"/>, to be stored with the "shown" events of
    /// the same list. Routing writes nothing: the caller knows whether a list reached a customer (a prerender, a refresh
    /// that shows the same list again or a benchmark did not).
    /// </summary>
    public static ExperimentExposure Exposure(ExperimentRoute route, int customerId, IReadOnlyCollection<int> productIds, string source) => new()
    {
        ExperimentId = route.ExperimentId,
        Variant = route.Variant.Name,
        UnitKey = route.UnitKey,
        CustomerId = customerId,
        ProductIds = Truncate(string.Join(',', productIds)),
        ShownCount = productIds.Count,
        ModelRunId = route.Served.RunId,
        Source = source,
        OccurredAt = DateTime.UtcNow,
    };

    private async Task<IReadOnlyList<Running>> RunningAsync(CancellationToken ct)
    {
        var current = _running;
        if (current is not null && Stopwatch.GetElapsedTime(Interlocked.Read(ref _checkedAt)) < RecheckInterval)
        {
            return current;
        }
        var generation = Interlocked.Read(ref _generation);
        await using var db = await contexts.CreateDbContextAsync(ct);
        var experiments = await db.Experiments.AsNoTracking().Where(e => e.Status == ExperimentStatus.Running).OrderBy(e => e.Id).ToListAsync(ct);
        current = experiments.Select(e => new Running(e, ExperimentJson.VariantsOf(e))).Where(r => r.Variants.Count > 0).ToList();
        // Models of experiments that ended are let go.
        var wanted = current.SelectMany(r => r.Variants).Select(v => v.ModelRunId).OfType<int>().ToHashSet();
        foreach (var id in _runs.Keys.Where(id => !wanted.Contains(id)))
        {
            _runs.TryRemove(id, out _);
        }
        if (Interlocked.Read(ref _generation) == generation)
        {
            _running = current;
            Interlocked.Exchange(ref _checkedAt, Stopwatch.GetTimestamp());
        }
        return current;
    }

    private async Task<ModelRegistry.Served> LoadAsync(int runId, CancellationToken ct)
    {
        var champion = await registry.GetChampionAsync(ct);
        if (champion?.RunId == runId)
        {
            return champion;
        }
        // A model that could not be read is tried again after a while, not by every request (each read is the whole model).
        if (_failedAt.TryGetValue(runId, out var failed) && Stopwatch.GetElapsedTime(failed) < RecheckInterval)
        {
            throw new UnreadableRecently();
        }
        // Lazy: concurrent first requests load a model once, not once each.
        var load = _runs.GetOrAdd(runId, id => new Lazy<Task<ModelRegistry.Served>>(async () =>
        {
            var watch = Stopwatch.StartNew();
            var bundle = await registry.LoadRunAsync(id, CancellationToken.None);
            return new ModelRegistry.Served(id, bundle, watch.Elapsed);
        }));
        try
        {
            return await load.Value.WaitAsync(ct);
        }
        catch (Exception e) when (!ct.IsCancellationRequested)
        {
            _runs.TryRemove(runId, out _);
            if (Data.StorageFaults.Describe(e) is null)
            {
                _failedAt[runId] = Stopwatch.GetTimestamp(); // the model itself is unreadable; a busy database is tried again at once
            }
            throw;
        }
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<int, long> _failedAt = new();

    /// <summary>The model failed to load less than <see cref="RecheckInterval"/> ago (logged then, not again).</summary>
    private sealed class UnreadableRecently() : InvalidOperationException("The variant's model could not be read a moment ago.");

    /// <summary>A store experiment's unit for a customer: the store of their latest purchase (none for online-only customers).</summary>
    /// <summary>
    /// A store experiment's unit for a customer: the store they were first shown its suggestions under, else the store
    /// of their latest purchase (none for online-only customers). Before 2026-12-06 always the latest purchase's: one
    /// sale at a store of the other arm moved the customer there, while the results kept filing them under the first.
    /// </summary>
    private async Task<string?> StoreUnitAsync(int experimentId, int customerId, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var first = await db.ExperimentExposures.Where(e => e.CustomerId == customerId && e.ExperimentId == experimentId).OrderBy(e => e.Id)
            .Select(e => e.UnitKey).FirstOrDefaultAsync(ct);
        if (first is not null)
        {
            return first;
        }
        var store = await db.Orders.Where(o => o.CustomerId == customerId && o.StoreId != null).OrderByDescending(o => o.PlacedAt)
            .Select(o => o.StoreId).FirstOrDefaultAsync(ct);
        return store?.ToString(CultureInfo.InvariantCulture);
    }

    private static string Truncate(string s) => s.Length <= 1000 ? s : s[..s.LastIndexOf(',', 999)];
}
