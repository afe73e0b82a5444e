using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// Runs queued training jobs one after another in the background, so the page that asked stays responsive; queues
/// the first training of a new install and the daily retraining when one is configured.
/// </summary>
public sealed class TrainingWorker(TrainingQueue queue, ModelTrainingService trainer, IDbContextFactory<RetailDbContext> contexts,
    IOptions<TrainingOptions> options, ILogger<TrainingWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await trainer.MarkInterruptedAsync(stoppingToken);
        await QueueFirstTrainingAsync(stoppingToken);
        _ = ScheduleDailyAsync(stoppingToken);
        await foreach (var request in queue.ReadAllAsync(stoppingToken))
        {
            try
            {
                await queue.RunAsync(trainer, request, stoppingToken);
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
        if (!await db.ModelRuns.AnyAsync(ct) && await db.Orders.AnyAsync(o => o.CustomerId != null, ct))
        {
            logger.LogInformation("No model yet: training every model on the stored sales");
            queue.Enqueue(new TrainingRequest(DefaultAlgorithms, TrainingWindow.All, new TrainingParameters(), "startup"));
        }
    }

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
            queue.Enqueue(new TrainingRequest(DefaultAlgorithms, TrainingWindow.All, new TrainingParameters(), "schedule", PromoteWhenNoChampion: true));
        }
    }

    /// <summary>What "train" means without a choice: every algorithm that can be trained.</summary>
    public static IReadOnlyList<string> DefaultAlgorithms => AlgorithmNames.Trainable;
}
