using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Experiments;

/// <summary>A refused change to an experiment, in words a manager can act on.</summary>
public sealed class ExperimentException(string message) : Exception(message);

/// <summary>What the create form sends.</summary>
public sealed record ExperimentDraft(string Name, string Hypothesis, ExperimentUnit Unit, IReadOnlyList<ExperimentVariant> Variants,
    ExperimentMetric PrimaryMetric, IReadOnlyList<ExperimentMetric> Guardrails, int AttributionDays, int PlannedDays, int? PlannedUnitsPerVariant, bool IsAA,
    double Alpha = 0.05);

/// <summary>
/// Sets up, starts and stops experiments (each step audited), and reads their results: outcomes are attributed from
/// interaction events (a suggestion accepted) and from purchases of a shown product within the attribution window.
/// </summary>
public sealed class ExperimentService(IDbContextFactory<RetailDbContext> contexts, ExperimentRouter router, ModelRegistry registry, AuditLog audit,
    Clock.ShopClock clock, ChangeFeed feed, TimeProvider time)
{
    public const int MaxK = 50;

    public async Task<IReadOnlyList<Experiment>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Experiments.AsNoTracking().OrderByDescending(e => e.Id).ToListAsync(ct);
    }

    public async Task<Experiment?> GetAsync(int id, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct);
    }

    /// <summary>Customers who bought in the <paramref name="days"/> days up to the shop's today: what a plan that long can hope to reach.</summary>
    public async Task<ActiveCustomers> ActiveCustomersAsync(int days, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var to = (await clock.TodayAsync(db, ct)).Today;
        var from = to.AddDays(1 - Math.Max(1, days));
        var no = false;
        var customers = await db.Orders
            .Where(o => o.IsCancellation == no && o.CustomerId != null && o.PlacedOn >= from && o.PlacedOn <= to)
            .Select(o => o.CustomerId).Distinct().CountAsync(ct);
        return new ActiveCustomers(from, to, customers);
    }

    public async Task<Experiment> CreateAsync(ExperimentDraft draft, StaffActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runIds = draft.Variants.Select(v => v.ModelRunId).OfType<int>().Distinct().ToList();
        // The runs are checked and the draft saved in one transaction that a training's model clean-up cannot pass
        // (ModelRunLocks): otherwise the clean-up could remove a model between this check and the save.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await ModelRunLocks.HoldForUseAsync(db, runIds, ct);
        var runs = await db.ModelRuns.Where(r => runIds.Contains(r.Id))
            .Select(r => new RunState(r.Id, r.Status, r.ArtifactRemovedAt)).ToDictionaryAsync(r => r.Id, ct);
        if (Validate(draft, id => ProblemWith(id, runs.GetValueOrDefault(id))) is { } problem)
        {
            throw new ExperimentException(problem);
        }
        if ((ExperimentMetrics.IsAmount(draft.PrimaryMetric) || draft.Guardrails.Any(ExperimentMetrics.IsAmount))
            && !await db.OrderLines.AnyAsync(l => l.UnitPrice != null, ct))
        {
            // Every variant would read 0 and "no difference", whatever the customers bought.
            throw new ExperimentException("This shop's sales carry no prices, so revenue or spend per exposed customer cannot be measured. " +
                                          "Choose another metric (a purchase or acceptance rate), or import sales with prices first.");
        }
        var experiment = new Experiment
        {
            Name = draft.Name.Trim(),
            Hypothesis = draft.Hypothesis.Trim(),
            Unit = draft.Unit,
            Variants = ExperimentJson.Write(draft.Variants),
            PrimaryMetric = draft.PrimaryMetric,
            Guardrails = ExperimentJson.Write(draft.Guardrails.Where(g => g != draft.PrimaryMetric).Distinct().ToList()),
            AttributionDays = draft.AttributionDays,
            PlannedDays = draft.PlannedDays,
            PlannedUnitsPerVariant = draft.PlannedUnitsPerVariant,
            IsAA = draft.IsAA,
            Alpha = draft.Alpha,
            Status = ExperimentStatus.Draft,
            CreatedBy = actor.UserName,
        };
        db.Experiments.Add(experiment);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await audit.WriteAsync(actor, "experiment.created", nameof(Experiment), Id(experiment.Id), ct: ct);
        return experiment;
    }

    /// <summary>Why a draft cannot be saved, or null.</summary>
    /// <summary>What a variant needs to know about the model run it names.</summary>
    private sealed record RunState(int Id, ModelRunStatus Status, DateTime? ArtifactRemovedAt);

    /// <summary>Why a variant cannot serve a run, said for the one cause that applies (null when it can).</summary>
    private static string? ProblemWith(int id, RunState? run) => run switch
    {
        null => $"Model run {id} does not exist: pick a trained model.",
        { Status: not ModelRunStatus.Succeeded } => $"Model run {id} did not train successfully ({run.Status.ToString().ToLowerInvariant()}): pick a trained model.",
        { ArtifactRemovedAt: { } removed } => $"Model run {id} no longer has its model: it was removed on {removed.ToLocalTime().ToString("d MMM yyyy", CultureInfo.InvariantCulture)} as an older run. Pick a newer run of the same algorithm.",
        _ => null,
    };

    /// <param name="problemWithRun">Why a variant cannot serve the model run with that id, or null when it can.</param>
    public static string? Validate(ExperimentDraft d, Func<int, string?> problemWithRun)
    {
        if (string.IsNullOrWhiteSpace(d.Name) || d.Name.Length > 200)
        {
            return "Give the experiment a name (up to 200 characters).";
        }
        if (string.IsNullOrWhiteSpace(d.Hypothesis))
        {
            return "Write down the hypothesis before the experiment starts: what you expect to change, and why.";
        }
        if (d.Variants.Count is < 2 or > 4)
        {
            return "An experiment needs between two and four variants.";
        }
        if (d.Variants.Any(v => string.IsNullOrWhiteSpace(v.Name) || v.Name.Length > 64))
        {
            return "Every variant needs a name (up to 64 characters).";
        }
        if (d.Variants.Select(v => v.Name.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Count() != d.Variants.Count)
        {
            return "Variant names must differ.";
        }
        if (d.Variants.Any(v => v.Weight <= 0))
        {
            return "Every variant needs a positive share of the traffic.";
        }
        if (d.Variants.Any(v => v.K is < 1 or > MaxK))
        {
            return $"The number of suggestions (K) must be between 1 and {MaxK}.";
        }
        if (d.Variants.Select(v => v.ModelRunId).OfType<int>().Select(problemWithRun).FirstOrDefault(p => p is not null) is { } runProblem)
        {
            return runProblem;
        }
        if (d.IsAA && d.Variants.Select(v => (v.ModelRunId, v.Mode, v.K)).Distinct().Count() != 1)
        {
            return "An A/A test checks the plumbing: every variant must serve the same model with the same settings.";
        }
        if (d.AttributionDays is < 1 or > 90 || d.PlannedDays is < 1 or > 365)
        {
            return "The attribution window must be 1 to 90 days and the planned duration 1 to 365 days.";
        }
        if (d.Alpha is not (>= 0.001 and <= 0.2))
        {
            return "The risk of a false winner must be between 0.001 (0.1%) and 0.2 (20%).";
        }
        if (d.PlannedUnitsPerVariant is < 1)
        {
            // The verdict waits for this many: a count that is not one would let it name a winner at once.
            return "The planned number of customers per variant must be at least one.";
        }
        return null;
    }

    /// <remarks>
    /// Checked in the update itself (still a draft, and no other experiment of its unit running), so of two staff
    /// starting it, or two experiments of one unit, at the same moment exactly one succeeds.
    /// </remarks>
    public async Task StartAsync(int id, StaffActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new ExperimentException($"There is no experiment {id}.");
        if (experiment.Status != ExperimentStatus.Draft)
        {
            throw NotADraft(experiment);
        }
        // Checked again: a draft saved by an earlier version, or on SQL Server (where no lock is taken while it is
        // saved, ModelRunLocks), may name a model a training's clean-up has removed since.
        var runIds = ExperimentJson.VariantsOf(experiment).Select(v => v.ModelRunId).OfType<int>().Distinct().ToList();
        var runs = await db.ModelRuns.Where(r => runIds.Contains(r.Id))
            .Select(r => new RunState(r.Id, r.Status, r.ArtifactRemovedAt)).ToDictionaryAsync(r => r.Id, ct);
        if (runIds.Select(run => ProblemWith(run, runs.GetValueOrDefault(run))).FirstOrDefault(p => p is not null) is { } problem)
        {
            throw new ExperimentException($"{problem} This draft cannot start; create it again with a run that has its model.");
        }
        var now = DateTime.UtcNow;
        // One at a time, whatever the unit: the router serves a customer experiment first, so a store experiment
        // started beside one got no traffic while its days ran. Two starts of different drafts update different rows,
        // and on PostgreSQL (and SQL Server, whose update locks do not stop the other's read, and whose read committed
        // snapshot reads the committed drafts) neither statement saw the other's uncommitted start: both ran. The second
        // now waits for the first's commit, and its statement, begun after, sees that one running. SQLite's writes are
        // one at a time already.
        await using var tx = db.Database.IsNpgsql() || db.Database.IsSqlServer() ? await db.Database.BeginTransactionAsync(ct) : null;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({StartLockKey})", ct);
        }
        else if (db.Database.IsSqlServer())
        {
            await db.Database.ExecuteSqlAsync($"EXEC sp_getapplock @Resource = 'retailrecs-experiment-start', @LockMode = 'Exclusive', @LockOwner = 'Transaction'", ct);
        }
        var started = await db.Experiments
            .Where(e => e.Id == id && e.Status == ExperimentStatus.Draft
                        && !db.Experiments.Any(o => o.Status == ExperimentStatus.Running))
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExperimentStatus.Running)
                .SetProperty(e => e.StartedAt, now)
                .SetProperty(e => e.StartedBy, actor.UserName), ct);
        if (tx is not null)
        {
            await tx.CommitAsync(ct);
        }
        if (started == 0)
        {
            var current = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == id, ct);
            throw current.Status != ExperimentStatus.Draft
                ? NotADraft(current)
                : new ExperimentException("Another experiment is running: stop it first, so nobody is in two at once.");
        }
        router.Invalidate();
        await feed.TryPublishAsync(ChangeKinds.Experiment, id, ct); // the other instances' routers
        await audit.WriteAsync(actor, "experiment.started", nameof(Experiment), Id(id), ct: ct);
    }

    private const long StartLockKey = 0x5252_6578_7073;

    private static ExperimentException NotADraft(Experiment experiment) => new(experiment.Status == ExperimentStatus.Running
        ? $"{experiment.StartedBy} already started this experiment ({experiment.StartedAt:yyyy-MM-dd HH:mm} UTC); nothing was changed."
        : "Only a draft can be started; a stopped experiment cannot be restarted (its customers have already seen a variant).");

    /// <summary>
    /// Stops serving the variants; with a winner, records it and (if asked) promotes its model to champion. Refused
    /// when the experiment is no longer running (another tab stopped it, or declared a winner, since this one was
    /// read): the update changes it only while it still runs, so of two staff stopping at once exactly one succeeds.
    /// </summary>
    public async Task StopAsync(int id, StaffActor actor, string? winner = null, bool promote = false, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var experiment = await db.Experiments.AsNoTracking().SingleOrDefaultAsync(e => e.Id == id, ct) ?? throw new ExperimentException($"There is no experiment {id}.");
        if (experiment.Status == ExperimentStatus.Draft)
        {
            throw new ExperimentException("This experiment has not started.");
        }
        var variant = winner is null ? null : ExperimentJson.VariantsOf(experiment).FirstOrDefault(v => v.Name == winner)
            ?? throw new ExperimentException($"There is no variant '{winner}' in this experiment.");
        if (promote && variant?.ModelRunId is null)
        {
            throw new ExperimentException(variant is null ? "Choose the winning variant to promote its model." : $"{variant.Name} already serves the champion.");
        }
        var now = DateTime.UtcNow;
        var stopped = await db.Experiments.Where(e => e.Id == id && e.Status == ExperimentStatus.Running && e.Winner == null)
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.Status, ExperimentStatus.Stopped)
                .SetProperty(e => e.StoppedAt, now)
                .SetProperty(e => e.StoppedBy, actor.UserName)
                .SetProperty(e => e.Winner, variant == null ? null : variant.Name), ct);
        if (stopped == 0)
        {
            var current = await db.Experiments.AsNoTracking().SingleAsync(e => e.Id == id, ct);
            throw new ExperimentException(current.Winner is { } declared
                ? $"{current.StoppedBy} already stopped this experiment and declared {declared} the winner ({current.StoppedAt:yyyy-MM-dd HH:mm} UTC); nothing was changed."
                : $"{current.StoppedBy} already stopped this experiment ({current.StoppedAt:yyyy-MM-dd HH:mm} UTC); nothing was changed.");
        }
        router.Invalidate();
        await feed.TryPublishAsync(ChangeKinds.Experiment, id, ct); // the other instances' routers
        await audit.WriteAsync(actor, "experiment.stopped", nameof(Experiment), Id(id), variant is null ? null : $"winner: {variant.Name}", ct);
        if (promote)
        {
            await registry.PromoteTestedAsync(variant!.ModelRunId!.Value, actor, ct);
        }
    }

    /// <summary>
    /// The results as of now, over the customers whose attribution window has ended. A customer shown suggestions
    /// yesterday has had one day of a seven-day window: counted, they read as not having bought, which understated
    /// every rate by up to half near the planned end (when the last week's customers were still inside theirs) and
    /// could turn a real difference into "no difference". They are counted once their window ends, and the report
    /// says how many wait (<see cref="ExperimentReport.Pending"/>).
    /// </summary>
    public async Task<ExperimentReport> ResultsAsync(Experiment experiment, CancellationToken ct = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromDays(experiment.AttributionDays);
        var exposed = await OutcomesAsync(experiment, ct);
        // Exposures are stored in UTC; the chart's days are the shop's (a Sydney morning is the previous day in UTC).
        var outcomes = exposed.Where(o => o.FirstExposed + window <= now)
            .Select(o => o with { FirstExposed = Analytics.ShownThenBought.OnSaleClock(o.FirstExposed, time.LocalTimeZone) }).ToList();
        var waiting = exposed.Where(o => o.FirstExposed + window > now).ToList();
        var end = experiment.StoppedAt ?? now;
        var days = experiment.StartedAt is { } start ? (end - start).TotalDays : 0;
        var variants = ExperimentJson.VariantsOf(experiment);
        IReadOnlyDictionary<string, int>? assigned = null;
        if (experiment.Unit == ExperimentUnit.Store)
        {
            // Where the assignment puts each of the shop's stores (as the router does, by store id): a variant whose
            // stores show nothing is then told from one that has none.
            await using var db = await contexts.CreateDbContextAsync(ct);
            var stores = await db.Stores.AsNoTracking().Select(s => s.Id).ToListAsync(ct);
            assigned = stores.GroupBy(id => ExperimentAssignment.Assign(Id(id), experiment.Id, variants).Name).ToDictionary(g => g.Key, g => g.Count());
        }
        return ExperimentAnalysis.Analyse(outcomes, variants, experiment.PrimaryMetric, experiment.PlannedUnitsPerVariant,
            days, experiment.PlannedDays, alpha: experiment.Alpha, unit: experiment.Unit, storesAssigned: assigned) with
        {
            Pending = waiting.Count,
            PendingUntil = waiting.Count == 0 ? null : waiting.Max(o => o.FirstExposed) + window,
        };
    }

    /// <summary>
    /// One outcome per exposed customer: their first variant, whether they accepted a suggestion within the window
    /// after an exposure, and the purchases of a product they were shown within <see cref="Experiment.AttributionDays"/>
    /// after being shown it (revenue at the price paid).
    /// </summary>
    public async Task<IReadOnlyList<UnitOutcome>> OutcomesAsync(Experiment experiment, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var exposures = await db.ExperimentExposures.AsNoTracking().Where(e => e.ExperimentId == experiment.Id)
            .Select(e => new { e.CustomerId, e.Variant, e.OccurredAt, e.ProductIds, e.UnitKey }).ToListAsync(ct);
        if (exposures.Count == 0)
        {
            return [];
        }
        var window = TimeSpan.FromDays(experiment.AttributionDays);
        var from = exposures.Min(e => e.OccurredAt);
        var to = exposures.Max(e => e.OccurredAt) + window;
        // Sales on their own clock (the shop's time, perhaps a date without a time): see Analytics.ShownThenBought.
        var zone = time.LocalTimeZone;
        var (salesFrom, salesTo) = Analytics.ShownThenBought.SalesRange(Analytics.ShownThenBought.OnSaleClock(from, zone),
            Analytics.ShownThenBought.OnSaleClock(exposures.Max(e => e.OccurredAt), zone), window);
        var customers = exposures.Select(e => e.CustomerId).Distinct().ToList();
        var accepted = (await db.InteractionEvents.AsNoTracking()
            .Where(e => e.CustomerId != null && customers.Contains(e.CustomerId.Value) && e.Type == InteractionType.Accepted && e.OccurredAt >= from && e.OccurredAt <= to)
            .Select(e => new { CustomerId = e.CustomerId!.Value, e.OccurredAt }).ToListAsync(ct)).ToLookup(e => e.CustomerId, e => e.OccurredAt);
        var bought = (await db.OrderLines.AsNoTracking()
            .Where(l => l.Order!.CustomerId != null && customers.Contains(l.Order.CustomerId.Value) && !l.Order.IsCancellation
                        && l.Order.PlacedAt >= salesFrom && l.Order.PlacedAt <= salesTo && l.Quantity > 0)
            // A line without a price is valued at the product's catalog price (a till or file that leaves it out): as 0 it
            // made the arm whose customers shop in that channel look poorer, with a narrow interval.
            .Select(l => new { CustomerId = l.Order!.CustomerId!.Value, l.Order.PlacedAt, l.ProductId, l.Quantity, UnitPrice = l.UnitPrice ?? l.Product!.UnitPrice })
            .ToListAsync(ct))
            .ToLookup(l => l.CustomerId);
        // What they sent back within the window (a cancellation or a negative line): a suggestion bought and returned
        // is no conversion, and its money is no revenue.
        var returnedUntil = salesTo + window;
        var no = false;
        var returned = (await db.OrderLines.AsNoTracking()
            .Where(l => l.Order!.CustomerId != null && customers.Contains(l.Order.CustomerId.Value) && (l.Order.IsCancellation != no || l.Quantity < 0)
                        && l.Order.PlacedAt >= salesFrom && l.Order.PlacedAt <= returnedUntil)
            .Select(l => new { CustomerId = l.Order!.CustomerId!.Value, l.ProductId, l.Quantity, l.Order.PlacedAt }).ToListAsync(ct))
            .ToLookup(l => (l.CustomerId, l.ProductId));

        var outcomes = new List<UnitOutcome>();
        foreach (var group in exposures.GroupBy(e => e.CustomerId))
        {
            var seen = group.OrderBy(e => e.OccurredAt).Select(e => (e.OccurredAt, Products: ParseIds(e.ProductIds), e.Variant,
                OnSaleClock: Analytics.ShownThenBought.OnSaleClock(e.OccurredAt, zone), e.UnitKey)).ToList();
            bool Within(DateTime at) => seen.Any(s => at >= s.OccurredAt && at <= s.OccurredAt + window); // acceptances: UTC, as exposures
            // Returns count until this customer's own window ends (their last showing's), not until the experiment's last
            // customer's: a return two weeks later undid a purchase the window had already counted.
            var windowEnd = seen[^1].OnSaleClock + window;
            bool ReturnedInWindow(DateTime at) => at.TimeOfDay == TimeSpan.Zero ? at.Date <= windowEnd.Date : at <= windowEnd;
            // Everything bought within a window after a showing, and (the shown-product metrics) what of it was shown then.
            var inWindow = bought[group.Key].Where(l => seen.Any(s => Analytics.ShownThenBought.Within(l.PlacedAt, s.OnSaleClock, window))).ToList();
            var attributed = inWindow.Where(l => seen.Any(s => Analytics.ShownThenBought.Within(l.PlacedAt, s.OnSaleClock, window)
                && s.Products.Contains(l.ProductId))).ToList();
            List<(int Kept, decimal Value)> Kept(IEnumerable<(int ProductId, DateTime PlacedAt, int Quantity, decimal? UnitPrice)> lines) =>
                lines.GroupBy(l => l.ProductId).Select(g =>
                {
                    var quantity = g.Sum(l => l.Quantity);
                    // Only what went back after it was bought (a return of an earlier purchase does not undo this one).
                    var boughtAt = g.Min(l => l.PlacedAt);
                    var back = Math.Min(quantity, returned[(group.Key, g.Key)].Where(r => r.PlacedAt >= boughtAt && ReturnedInWindow(r.PlacedAt))
                        .Sum(r => Math.Abs(r.Quantity)));
                    var value = g.Sum(l => l.Quantity * (l.UnitPrice ?? 0));
                    return (Kept: quantity - back, Value: quantity == 0 ? 0 : value * (quantity - back) / quantity);
                }).Where(k => k.Kept > 0).ToList();
            var kept = Kept(attributed.Select(l => (l.ProductId, l.PlacedAt, l.Quantity, l.UnitPrice)));
            var keptAny = Kept(inWindow.Select(l => (l.ProductId, l.PlacedAt, l.Quantity, l.UnitPrice)));
            outcomes.Add(new UnitOutcome(seen[0].Variant, seen[0].OccurredAt, seen.Count, accepted[group.Key].Any(Within), kept.Count > 0,
                (double)kept.Sum(k => k.Value))
            {
                BoughtAnything = keptAny.Count > 0,
                Spend = (double)keptAny.Sum(k => k.Value),
                Store = experiment.Unit == ExperimentUnit.Store ? seen[0].UnitKey : null,
            });
        }
        return outcomes;
    }

    private static HashSet<int> ParseIds(string ids) =>
        ids.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToHashSet();

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
