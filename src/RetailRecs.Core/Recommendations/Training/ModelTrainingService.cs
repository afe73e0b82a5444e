using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// A training job: reads the window's sales, trains the requested algorithms, stores one <see cref="ModelRun"/> per
/// algorithm with its artifact. A run that fails is stored as failed with the reason; it never touches the champion.
/// The pages (through the background queue) and the CLI both come through here. After every training the champion is
/// chosen by evidence (<see cref="ChampionSelection"/>): the decision and its figures are stored with every new run.
/// </summary>
public sealed class ModelTrainingService(IDbContextFactory<RetailDbContext> contexts, TrainingDataLoader loader, ModelRegistry registry,
    ProductCategoriser categoriser, Serving.IncrementalDrift drift, IOptions<TrainingOptions> options, ILogger<ModelTrainingService> logger)
    : IJobHistory
{
    /// <summary>The lease every training holds (the training job waits for it): one at a time across the app instances and command-line runs on a database.</summary>
    public const string Lease = "training";

    /// <summary>Fewer sales than this and there is nothing to learn; the run fails with a message saying so.</summary>
    public const int MinimumPurchases = 20;

    /// <summary>
    /// Automatic categories before training. They only feed diversity and the ranker's features, so a categorisation
    /// that fails is logged and training goes on without new categories rather than failing every model.
    /// </summary>
    private async Task<ProductCategoriser.Outcome> CategoriseAsync(CancellationToken ct)
    {
        try
        {
            return await Task.Run(() => categoriser.CategoriseAsync(ct: ct), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Automatic categories failed; training goes on without new ones");
            return new ProductCategoriser.Outcome(0, 0, false, $"Automatic categories failed: {e.Message}");
        }
    }

    /// <summary>
    /// Trains the request's models. The app and the command line run it as a training job (RetailRecs.Core.Jobs),
    /// which holds <see cref="Lease"/> across instances and says when it waited for another instance.
    /// </summary>
    /// <param name="otherTrainingSince">When the instance this job waited for began training (null: it did not wait).
    /// If that one trained the same models on the same sales, its runs are returned and nothing is trained twice.</param>
    /// <param name="askedAt">When this training was asked for (queued).</param>
    public async Task<IReadOnlyList<ModelRun>> TrainAsync(TrainingRequest request, IProgress<TrainingProgress>? progress = null,
        CancellationToken ct = default, DateTime? otherTrainingSince = null, DateTime? askedAt = null)
    {
        var asked = askedAt ?? DateTime.UtcNow;
        // The holder before us may have crashed mid-run: its runs are marked now, not at the next sweep.
        await MarkInterruptedAsync(ct);
        if (otherTrainingSince is { } since && await TrainedSinceAsync(request, since < asked ? since : asked, ct) is { } done)
        {
            // Train pressed on two instances: the second gets the first one's runs, not a second training of the same data.
            logger.LogInformation("Training skipped: {Runs} run(s) of the same models were trained on another instance meanwhile", done.Count);
            return done;
        }
        return await TrainChosenAsync(request, progress, ct);
    }

    /// <summary>
    /// Successful runs of every one of the request's algorithms, with its parameters, started since <paramref name="since"/>;
    /// null if any is missing, if sales were imported after that training began (it did not learn from them), or if the
    /// request names its own window of days (the runs do not keep the window asked for). Before 2026-12-06 the
    /// algorithms alone were compared, and `train item-knn --similarity lift --promote`, run while the nightly training
    /// held the lease, returned (and promoted) the nightly cosine run.
    /// </summary>
    private async Task<IReadOnlyList<ModelRun>?> TrainedSinceAsync(TrainingRequest request, DateTime since, CancellationToken ct)
    {
        if (request.Window != TrainingWindow.All)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (await db.ImportBatches.AnyAsync(b => b.Status == ImportStatus.Succeeded && b.FinishedAt >= since, ct))
        {
            return null;
        }
        var algorithms = request.Algorithms;
        var parameters = JsonSerializer.Serialize(request.Parameters);
        var runs = await db.ModelRuns.AsNoTracking()
            .Where(r => algorithms.Contains(r.Algorithm) && r.Status == ModelRunStatus.Succeeded && r.StartedAt >= since && r.Parameters == parameters)
            .ToListAsync(ct);
        var latest = runs.GroupBy(r => r.Algorithm).Select(g => g.MaxBy(r => r.Id)!).ToList();
        return algorithms.Distinct().All(a => latest.Any(r => r.Algorithm == a)) ? latest : null;
    }

    private async Task<IReadOnlyList<ModelRun>> TrainChosenAsync(TrainingRequest request, IProgress<TrainingProgress>? progress,
        CancellationToken ct)
    {
        var algorithms = request.Algorithms.Distinct().ToList();
        var champion = request.SelectChampion ? await ChampionAsync(ct) : null;
        // A new install serves best sellers until a model beats them: they are trained with the first job whatever was asked.
        if (request.SelectChampion && champion is null && !algorithms.Contains(AlgorithmNames.Popularity))
        {
            algorithms.Insert(0, AlgorithmNames.Popularity);
        }
        var runs = await StartRunsAsync(algorithms, request, ct);
        ChampionDecision? decision = null;
        var stored = false;
        try
        {
            var watch = Stopwatch.StartNew();
            // Categories feed the diversity step and the ranker's category features: products without one get one
            // before the catalog's categories are read, while the sales (which do not depend on them) are read beside.
            progress?.Report(new TrainingProgress("Reading sales; sorting products without a category into groups", 0));
            var categorising = CategoriseAsync(ct);
            var data = await loader.LoadAsync(await WindowAsync(request.Window, ct), request.Parameters.HalfLifeDays, ct, categorising);
            var categorised = await categorising;
            if (categorised.Categorised > 0)
            {
                logger.LogInformation("Categorised {Products} products into {Categories} automatic categories",
                    categorised.Categorised, categorised.Categories);
            }
            else if (categorised.SkippedBecause is { } skipped)
            {
                logger.LogInformation("{Reason}", skipped);
            }
            logger.LogInformation("Training data: {Purchases} purchases, {Customers} customers, {Items} products read in {Ms} ms",
                data.Purchases.Count, data.CustomerCount, data.ItemCount, watch.ElapsedMilliseconds);
            if (data.Purchases.Count < MinimumPurchases || data.CustomerCount == 0)
            {
                var message = $"Not enough sales to learn from: {data.Purchases.Count} purchases by {data.CustomerCount} known customers " +
                              $"in the window (at least {MinimumPurchases} purchases are needed). Import transactions, or widen the window.";
                await FinishAllAsync(runs, ModelRunStatus.Failed, message);
                return runs;
            }

            // The selection measures first (the first 55% of the bar): its hybrid searches for the ranker's capacity on
            // customers who bought before the held-out days, and the served one learns with it (HybridTrainingShare).
            var scale = request.SelectChampion ? 0.55 : 0.0;
            var track = request.SelectionTrack ?? options.Value.SelectionTrack;
            var (measured, trained) = await Task.Run(() =>
            {
                var share = new Algorithms.HybridTrainingShare(data, request.Parameters);
                var figures = request.SelectChampion
                    ? MeasureForSelection(data, algorithms, champion, track, request.Parameters, share, progress, scale, ct)
                    : (null, null);
                var runsTrained = BundleTrainer.Train(data, algorithms, request.Parameters,
                    new Common.InlineProgress<TrainingProgress>(p => progress?.Report(p with { Fraction = scale + (1 - scale) * p.Fraction })), ct, share);
                return (figures, runsTrained);
            }, ct);
            if (request.SelectChampion)
            {
                var ok = trained.Where(t => t.Bundle is not null).Select(t => t.Algorithm).ToList();
                decision = measured.Figures?.Decide(ok) ?? new ChampionDecision(champion is null ? AlgorithmNames.Popularity : null,
                    $"The comparison on held-out sales failed ({measured.Error}): {(champion is null ? "best sellers serve" : "the champion keeps serving")}.",
                    track, ChampionSelection.K, null, null, champion?.Algorithm, champion?.Id, []);
                logger.LogInformation("Champion selection: {Reason}", decision.Reason);
            }
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            if (decision?.Promote is not null && await registry.HoldReasonAsync(db, CancellationToken.None) is { } held)
            {
                // Stored with the runs, so the Models page says why the better model waits (an admin promotes it later).
                decision = decision with { Promote = null, Reason = $"{decision.Reason} Held back: {held}" };
            }
            foreach (var t in trained)
            {
                var run = runs.Single(r => r.Algorithm == t.Algorithm);
                db.Attach(run);
                run.DataFrom = DateOnly.FromDayNumber(data.FirstDay);
                run.DataTo = DateOnly.FromDayNumber(data.LastDay);
                run.Customers = data.CustomerCount;
                run.Products = data.ItemCount;
                run.Purchases = data.Purchases.Count;
                run.TrainingSeconds = t.Duration.TotalSeconds;
                run.FinishedAt = DateTime.UtcNow;
                if (t.Bundle is null)
                {
                    run.Status = t.Skipped ? ModelRunStatus.Skipped : ModelRunStatus.Failed;
                    run.Error = Truncate(t.Error);
                    logger.LogWarning("Training {Algorithm} {Outcome}: {Error}", t.Algorithm, t.Skipped ? "skipped" : "failed", t.Error);
                    continue;
                }
                run.Status = ModelRunStatus.Succeeded;
            }
            // What the live increments missed: the new run of the champion's algorithm against champion + increments.
            foreach (var t in trained.Where(t => t.Bundle is not null))
            {
                if (await drift.MeasureAsync(t.Bundle!, CancellationToken.None) is { } measure)
                {
                        runs.Single(r => r.Algorithm == t.Algorithm).Metrics = Serving.IncrementalDrift.ToJson(measure);
                    logger.LogInformation("Increments vs retrained {Algorithm}: top-10 overlap {Overlap:P0} over {Customers} customers",
                        t.Algorithm, measure.Overlap, measure.Customers);
                }
            }
            if (decision is not null)
            {
                foreach (var run in runs.Where(r => r.Status == ModelRunStatus.Succeeded))
                {
                    run.Metrics = ChampionEvidence.WithDecision(run.Metrics, decision);
                }
            }
            await StoreAsync(db, runs, trained);
            stored = true;
        }
        catch (OperationCanceledException)
        {
            ForgetUnstoredOutcomes(runs, stored);
            await FinishAllAsync(runs, ModelRunStatus.Cancelled, "Cancelled before it finished.");
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Training job failed");
            ForgetUnstoredOutcomes(runs, stored);
            // Busy or full: nothing of this training was stored, in words an admin can act on.
            var reason = StorageFaults.Describe(e)?.Message.Replace("Nothing was stored", "No model was stored; the champion keeps serving",
                StringComparison.Ordinal) ?? Common.FailureText.Of(e);
            await FinishAllAsync(runs, ModelRunStatus.Failed, $"Training failed: {reason}");
            return runs;
        }

        if (decision is not null)
        {
            await PromoteChosenAsync(runs, decision, ct);
        }
        await RemoveOlderModelsAsync();
        return runs;
    }

    /// <summary>Older runs' stored models, once this job's are stored and the champion chosen (<see cref="Persistence.ArtifactRetention"/>).</summary>
    private async Task RemoveOlderModelsAsync()
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            var removed = await Persistence.ArtifactRetention.RemoveOlderAsync(db, options.Value.KeepRunsPerAlgorithm, DateTime.UtcNow, CancellationToken.None);
            if (removed.Count > 0)
            {
                logger.LogInformation("Removed the stored models of {Count} older run(s): {Runs}", removed.Count, string.Join(", ", removed));
            }
        }
        catch (Exception e)
        {
            // Housekeeping, after the job's work is stored and the champion chosen: whatever stops it (a full disk, a
            // deadlock on a server, an experiment's unreadable variants) must not turn a finished training into a failed
            // one. The new models serve; the older ones go after the next training.
            logger.LogWarning(e, "Could not remove older runs' stored models");
        }
    }

    /// <summary>
    /// The runs and their artifacts, all or none: one transaction, the part the runs share stored once and each run's
    /// own bytes written and sent at a time, so a job holds one serialized ranker at once rather than all of them, and
    /// on SQLite not even that (<see cref="Persistence.ArtifactStore"/>).
    /// </summary>
    private static async Task StoreAsync(RetailDbContext db, List<ModelRun> runs, IReadOnlyList<BundleTrainer.Trained> trained)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        var writer = new Persistence.ModelArtifact.JobWriter();
        var store = new Persistence.ArtifactStore(db);
        foreach (var t in trained.Where(t => t.Bundle is not null))
        {
            var run = runs.Single(r => r.Algorithm == t.Algorithm);
            run.ArtifactBytes = await store.WriteAsync(run.Id, writer.PiecesOf(t.Bundle!), CancellationToken.None);
        }
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>The selection's figures, or why measuring failed (logged; the models are trained and stored all the same).</summary>
    private (ChampionSelection.Measurement? Figures, string? Error) MeasureForSelection(Engine.TrainingData data, List<string> algorithms, ModelRun? champion, SelectionTrack track,
        Engine.TrainingParameters parameters, Algorithms.HybridTrainingShare share, IProgress<TrainingProgress>? progress, double scale, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        try
        {
            var measured = ChampionSelection.Measure(data, algorithms, champion?.Algorithm, champion?.Id, track, parameters,
                new Common.InlineProgress<TrainingProgress>(p => progress?.Report(p with { Fraction = scale * p.Fraction })), ct, share);
            logger.LogInformation("Champion selection measured in {Ms} ms", watch.ElapsedMilliseconds);
            return (measured, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Nothing changes without evidence: the models are still trained and stored (a new install serves best sellers).
            logger.LogError(e, "Champion selection failed");
            return (null, Common.FailureText.Of(e));
        }
    }

    /// <summary>
    /// Runs left "running" by a process that stopped (crash, restart) are marked failed, so nobody waits on them; another
    /// instance's training in progress is left alone (<see cref="Common.Jobs.JobOwner"/>).
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var abandoned = await Common.Jobs.JobOwner.AbandonedAsync(db, db.ModelRuns.Where(r => r.Status == ModelRunStatus.Running), ct);
        return abandoned.Count == 0 ? 0 : await db.ModelRuns.Where(r => abandoned.Contains(r.Id) && r.Status == ModelRunStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, ModelRunStatus.Failed)
                .SetProperty(r => r.Error, "Interrupted: the app stopped while this model was training. Train it again.")
                .SetProperty(r => r.FinishedAt, DateTime.UtcNow), ct);
    }

    private async Task<List<ModelRun>> StartRunsAsync(List<string> algorithms, TrainingRequest request, CancellationToken ct)
    {
        try
        {
            return await AddRunsAsync(algorithms, request, ct);
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault; // no run could even be recorded: the caller says so in words
        }
    }

    private async Task<TrainingWindow> WindowAsync(TrainingWindow asked, CancellationToken ct)
    {
        if (asked.From is not null || options.Value.WindowMonths <= 0)
        {
            return asked;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await SalesWindow.LastMonthsWithSalesAsync(db, asked, options.Value.WindowMonths, ct);
    }

    private async Task<List<ModelRun>> AddRunsAsync(List<string> algorithms, TrainingRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var parameters = JsonSerializer.Serialize(request.Parameters);
        var runs = algorithms.Select(a => new ModelRun
        {
            Algorithm = a,
            Parameters = parameters,
            Status = ModelRunStatus.Running,
            StartedBy = request.StartedBy,
            DataFrom = request.Window.From,
            DataTo = request.Window.To,
        }).ToList();
        db.ModelRuns.AddRange(runs);
        await db.SaveChangesAsync(ct);
        return runs;
    }

    /// <summary>
    /// Outcomes set in memory but never saved (the save itself failed) are not what the database holds: the runs go
    /// back to running, so the failure below is what the caller and the history both see.
    /// </summary>
    private static void ForgetUnstoredOutcomes(List<ModelRun> runs, bool stored)
    {
        if (stored)
        {
            return;
        }
        foreach (var run in runs)
        {
            run.Status = ModelRunStatus.Running;
            run.ArtifactBytes = null;
        }
    }

    private async Task FinishAllAsync(List<ModelRun> runs, ModelRunStatus status, string message)
    {
        var ids = runs.Select(r => r.Id).ToList();
        var now = DateTime.UtcNow;
        // Still busy: the runs are recorded when the database takes it; the caller gets them with the reason at once.
        await Common.Jobs.UnfinishedOutcome.RecordAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            await db.ModelRuns.Where(r => ids.Contains(r.Id) && r.Status == ModelRunStatus.Running)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status).SetProperty(r => r.Error, message).SetProperty(r => r.FinishedAt, now));
        }, logger, $"training runs {string.Join(", ", ids)}");
        foreach (var r in runs.Where(r => r.Status == ModelRunStatus.Running))
        {
            r.Status = status;
            r.Error = message;
            r.FinishedAt = now;
        }
    }

    private async Task<ModelRun?> ChampionAsync(CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelRuns.AsNoTracking().FirstOrDefaultAsync(r => r.IsChampion, ct);
    }

    private async Task PromoteChosenAsync(List<ModelRun> runs, ChampionDecision decision, CancellationToken ct)
    {
        if (decision.Promote is null
            || runs.FirstOrDefault(r => r.Algorithm == decision.Promote && r.Status == ModelRunStatus.Succeeded) is not { } chosen)
        {
            return;
        }
        try
        {
            await registry.PromoteChosenAsync(chosen.Id, decision.ChampionRunId, ct);
            chosen.IsChampion = true;
        }
        catch (Exception e) when (e is StorageUnavailableException or InvalidOperationException)
        {
            // The models are stored; only the promotion waits (the Models page offers it, and so does the next training).
            logger.LogWarning("Run {RunId} was chosen but could not be made champion: {Reason}", chosen.Id, e.Message);
        }
    }

    private static string? Truncate(string? s) => s is { Length: > 2000 } ? s[..2000] : s;
}
