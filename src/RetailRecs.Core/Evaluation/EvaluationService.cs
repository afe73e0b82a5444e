using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Evaluation;

/// <summary>
/// An offline evaluation of the stored sales, as the Models page and the CLI run it: categorise, read the sales of the
/// training window before the split and every sale after it, split at the date, train every model on the earlier side, score them and the baselines on the later side, store
/// the figures. A failed evaluation is stored with its reason; it never touches the models that serve.
/// </summary>
public sealed class EvaluationService(IDbContextFactory<RetailDbContext> contexts, TrainingDataLoader loader, ProductCategoriser categoriser,
    IOptions<TrainingOptions> training, ILogger<EvaluationService> logger) : IJobHistory
{

    /// <summary>The stored run, the figures, and (for the CLI's predictions) every list and the split it came from.</summary>
    public sealed record Outcome(EvaluationRun Run, EvaluationResult Result, IReadOnlyList<Evaluator.Lists> Lists, HoldoutSplit Split);

    /// <summary>The lease an evaluation holds (<see cref="EvaluationJob"/>): one at a time across the app instances and command-line runs on a database.</summary>
    public const string Lease = "evaluation";

    /// <summary>
    /// One evaluation. The app and the command line run it as an <see cref="EvaluationJob"/>, which holds
    /// <see cref="Lease"/> across instances.
    /// </summary>
    public async Task<Outcome> RunAsync(EvaluationOptions options, string startedBy, IProgress<TrainingProgress>? progress = null,
        CancellationToken ct = default)
    {
        var watch = Stopwatch.StartNew();
        var run = new EvaluationRun { Status = ModelRunStatus.Running, StartedBy = startedBy, K = options.K };
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            db.EvaluationRuns.Add(run);
            await db.SaveChangesAsync(ct);
        }
        try
        {
            if (options.Validate() is { } problem)
            {
                throw new EvaluationException(problem);
            }
            var algorithms = (options.Models ?? AlgorithmNames.Trainable).Distinct().ToList();
            var unknown = algorithms.Except(AlgorithmNames.All).ToList();
            if (unknown.Count > 0)
            {
                throw new EvaluationException($"Unknown model(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AlgorithmNames.All)}.");
            }
            // The popularity baseline is always scored, whatever was asked for.
            if (!algorithms.Contains(AlgorithmNames.Popularity))
            {
                algorithms.Insert(0, AlgorithmNames.Popularity);
            }

            progress?.Report(new TrainingProgress("Sorting products without a category into groups", 0));
            try
            {
                await Task.Run(() => categoriser.CategoriseAsync(ct: ct), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Categories only feed diversity and the ranker's features, as for a training: without new ones the
                // models are still scored (a busy database, or a training categorising beside it, failed every evaluation).
                logger.LogWarning(e, "Automatic categories failed; the evaluation goes on without new ones");
            }
            progress?.Report(new TrainingProgress("Reading sales", 0.02));
            var all = await loader.LoadAsync(await TrainingWindowAsync(options, ct), ct: ct);
            if (all.Purchases.Count < ModelTrainingService.MinimumPurchases || all.CustomerCount == 0)
            {
                throw new EvaluationException($"Not enough sales to evaluate: {all.Purchases.Count} purchases by {all.CustomerCount} known customers. Import transactions first.");
            }
            var split = HoldoutSplit.Create(all, options);
            var segments = await SegmentsByCustomerIndexAsync(all, ct);

            var trained = await Task.Run(() => BundleTrainer.Train(split.Train, algorithms, new TrainingParameters { Seed = options.Seed },
                new InlineProgress<TrainingProgress>(p => progress?.Report(p with { Fraction = 0.05 + 0.55 * p.Fraction })), ct), ct);
            var failed = trained.Where(t => t.Bundle is null).ToList();
            foreach (var f in failed)
            {
                logger.LogWarning("Evaluation: training {Algorithm} failed: {Error}", f.Algorithm, f.Error);
            }
            var ok = trained.Where(t => t.Bundle is not null).ToList();
            var popularity = ok.FirstOrDefault(t => t.Algorithm == AlgorithmNames.Popularity)?.Bundle
                ?? throw new EvaluationException("The popularity baseline could not be trained: " + failed.FirstOrDefault()?.Error);
            var contenders = ok.Select(t => new Evaluator.Contender(t.Algorithm, t.Algorithm == AlgorithmNames.Popularity, t.Bundle!, t.Bundle!.Ranker))
                .Append(new Evaluator.Contender(OwnHistoryBaseline.Name, true, popularity, new OwnHistoryBaseline(), RepeatTrackOnly: true))
                .Append(new Evaluator.Contender(PersonalFrequencyModel.Name, true, popularity,
                    new PersonalFrequencyModel(ok.Select(t => t.Bundle!.Ranker).OfType<UserKnnModel>().FirstOrDefault() ?? UserKnnModel.Train(split.Train)),
                    RepeatTrackOnly: true))
                .ToList();

            var (result, lists) = await Task.Run(() => Evaluator.Run(split, contenders, options, segments,
                new InlineProgress<double>(p => progress?.Report(new TrainingProgress("Scoring every model on the held-out weeks", 0.6 + 0.4 * p))), ct), ct);

            run.Seconds = watch.Elapsed.TotalSeconds;
            run.DataFrom = result.DataFrom;
            run.DataTo = result.DataTo;
            run.SplitDate = result.SplitDate;
            run.Results = JsonSerializer.Serialize(result.Rows, ScoringJson.Options);
            run.Error = failed.Count == 0 ? null : Truncate(string.Join(" ", failed.Select(f => $"{f.Algorithm}: {f.Error}")));
            await FinishAsync(run, ModelRunStatus.Succeeded);
            logger.LogInformation("Evaluated {Models} models on {Customers} test customers in {Seconds:F1} s",
                contenders.Count, result.Rows.Max(r => r.Customers), run.Seconds);
            return new Outcome(run, result, lists, split);
        }
        catch (OperationCanceledException)
        {
            run.Error = "Stopped before it finished.";
            await UnfinishedAsync(run, ModelRunStatus.Cancelled);
            throw;
        }
        catch (EvaluationException e)
        {
            run.Error = e.Message;
            await UnfinishedAsync(run, ModelRunStatus.Failed);
            throw;
        }
        catch (Exception e)
        {
            logger.LogError(e, "Evaluation {Run} failed", run.Id);
            run.Error = Truncate($"Evaluation failed: {Common.FailureText.Of(e)}");
            await UnfinishedAsync(run, ModelRunStatus.Failed);
            throw new EvaluationException(run.Error!);
        }
    }

    /// <summary>Evaluations, newest first, with their rows read back.</summary>
    public async Task<IReadOnlyList<(EvaluationRun Run, IReadOnlyList<ModelResult> Rows)>> HistoryAsync(int take = 20, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var runs = await db.EvaluationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        return runs.Select(r => (r, (IReadOnlyList<ModelResult>)(JsonSerializer.Deserialize<List<ModelResult>>(r.Results, ScoringJson.Options) ?? []))).ToList();
    }

    /// <summary>Marks evaluations left "running" by a stopped app as cancelled.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var abandoned = await Common.Jobs.JobOwner.AbandonedAsync(db, db.EvaluationRuns.Where(r => r.Status == ModelRunStatus.Running), ct);
        if (abandoned.Count == 0)
        {
            return 0;
        }
        return await db.EvaluationRuns.Where(r => abandoned.Contains(r.Id) && r.Status == ModelRunStatus.Running).ExecuteUpdateAsync(u => u
            .SetProperty(r => r.Status, ModelRunStatus.Cancelled)
            .SetProperty(r => r.Error, "The app stopped before the evaluation finished."), ct);
    }

    /// <summary>
    /// The models measured learn as a training on the split day would (<see cref="TrainingOptions.WindowMonths"/> months
    /// with sales before it, as the served models learn before the last sale); every held-out day after it is read. The
    /// command line's experiment simulation reads the same window.
    /// </summary>
    public async Task<TrainingWindow> TrainingWindowAsync(EvaluationOptions options, CancellationToken ct = default)
    {
        if (training.Value.WindowMonths <= 0)
        {
            return TrainingWindow.All;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var split = options.SplitDate
            ?? (await SalesWindow.LastSaleAsync(db, ct) is { } last ? last.AddDays(1 - options.HoldoutDays) : null);
        if (split is not { } day)
        {
            return TrainingWindow.All;
        }
        var before = await SalesWindow.LastMonthsWithSalesAsync(db, TrainingWindow.All with { To = day.AddDays(-1) }, training.Value.WindowMonths, ct);
        return TrainingWindow.All with { From = before.From };
    }

    private async Task<Func<int, string?>?> SegmentsByCustomerIndexAsync(TrainingData all, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var byId = await db.CustomerSegments.Where(c => c.Segment!.Run!.IsCurrent)
            .Select(c => new { c.CustomerId, c.Segment!.Name }).ToDictionaryAsync(c => c.CustomerId, c => c.Name, ct);
        return byId.Count == 0 ? null : index => byId.GetValueOrDefault(all.CustomerIds[index]);
    }

    /// <summary>A failed or stopped run's outcome, written when the database takes it (<see cref="Common.Jobs.UnfinishedOutcome"/>).</summary>
    private Task UnfinishedAsync(EvaluationRun run, ModelRunStatus status) =>
        Common.Jobs.UnfinishedOutcome.RecordAsync(() => FinishAsync(run, status), logger, $"evaluation run {run.Id}");

    private async Task FinishAsync(EvaluationRun run, ModelRunStatus status)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        run.Status = status;
        run.FinishedAt = DateTime.UtcNow;
        run.Seconds ??= (run.FinishedAt - run.StartedAt)?.TotalSeconds;
        db.EvaluationRuns.Update(run);
        await db.SaveChangesAsync(CancellationToken.None);
    }

    private static string? Truncate(string? s) => s is { Length: > 2000 } ? s[..2000] : s;
}
