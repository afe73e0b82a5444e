using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// Runs queued training jobs one after another in the background, so the page that asked stays responsive; queues
/// the first training of a new install and the daily retraining when one is configured. The customer segments are
/// recomputed after those (the recommender's segment lists and the dashboards' segment filter read them). Several
/// instances share the work through leases: one training at a time across them, one daily run per day.
/// </summary>
public sealed class TrainingWorker(TrainingQueue queue, ModelTrainingService trainer, SegmentationJobs segmentation,
    IDbContextFactory<RetailDbContext> contexts, IOptions<TrainingOptions> options, JobLeases leases,
    ILogger<TrainingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await QueueFirstTrainingAsync(stoppingToken);
        _ = ScheduleDailyAsync(stoppingToken);
        await foreach (var request in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await queue.RunAsync(trainer, request, stoppingToken);
                if (request.StartedBy is Startup or Schedule)
                {
                    await SegmentAsync(request.StartedBy, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Failed runs are recorded by the training service; this only keeps the worker alive for the next job.
                logger.LogError(e, "Training job failed");
            }
        }
    }

    private async Task QueueFirstTrainingAsync(CancellationToken ct)
    {
        if (!options.Value.TrainWhenNoModel)
        {
            return;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Orders.AnyAsync(o => o.CustomerId != null, ct))
        {
            return;
        }
        if (!await db.ModelRuns.AnyAsync(ct))
        {
            logger.LogInformation("No model yet: training every model on the stored sales");
            queue.Enqueue(new TrainingRequest(DefaultAlgorithms, TrainingWindow.All, new TrainingParameters(), Startup));
        }
        else if (!await db.SegmentationRuns.AnyAsync(r => r.Status == ModelRunStatus.Succeeded, ct))
        {
            await SegmentAsync(Startup, ct);
        }
    }

    private async Task SegmentAsync(string startedBy, CancellationToken ct)
    {
        if (segmentation.TryStart(new SegmentationOptions(), startedBy, ct))
        {
            // Waited for, so the next training job does not compete with it for the two cores.
            await segmentation.Running;
        }
    }

    private const string Startup = "startup";
    private const string Schedule = "schedule";

    private async Task ScheduleDailyAsync(CancellationToken ct)
    {
        if (!TimeOnly.TryParse(options.Value.DailyAt, System.Globalization.CultureInfo.InvariantCulture, out var at))
        {
            return;
        }
        while (!ct.IsCancellationRequested)
        {
            var now = DateTime.Now;
            var next = now.Date + at.ToTimeSpan();
            if (next <= now)
            {
                next = next.AddDays(1);
            }
            await Task.Delay(next - now, ct);
            // Every instance wakes at the same hour; one of them claims the day's run, the others leave it.
            if (!await ClaimDayAsync(next, ct))
            {
                continue;
            }
            queue.Enqueue(new TrainingRequest(DefaultAlgorithms, TrainingWindow.All, new TrainingParameters(), Schedule));
        }
    }

    /// <summary>
    /// Claims the day's scheduled run for this instance. A busy or unreachable database (a nightly import holding the
    /// write lock) is tried again for up to ten minutes, so the day's training is not lost to it.
    /// </summary>
    private async Task<bool> ClaimDayAsync(DateTime day, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                if (await leases.TryClaimOnceAsync($"schedule:training:{day:yyyy-MM-dd}", TimeSpan.FromDays(2), ct))
                {
                    return true;
                }
                logger.LogInformation("Daily training of {Day:yyyy-MM-dd} is run by another instance", day);
                return false;
            }
            catch (Exception e) when (e is not OperationCanceledException && attempt < 20)
            {
                logger.LogWarning(e, "Daily training of {Day:yyyy-MM-dd} not claimed yet (attempt {Attempt}); trying again in 30 s", day, attempt);
                await Task.Delay(TimeSpan.FromSeconds(30), ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Daily training of {Day:yyyy-MM-dd} skipped: the database could not be written for ten minutes", day);
                return false;
            }
        }
    }

    /// <summary>What "train" means without a choice: every algorithm that can be trained.</summary>
    public static IReadOnlyList<string> DefaultAlgorithms => AlgorithmNames.Trainable;
}
