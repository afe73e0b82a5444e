using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// "Train, then re-segment": trains the request's models holding the training lease (waiting, and saying so, while
/// another instance trains), then recomputes the customer segments, which the recommender's segment lists and the
/// dashboards' segment filter read. One definition for the Models page, the schedule and the command line, so each
/// leaves the shop in the same state. The segments are refreshed only when a model trained (nothing new was learned
/// otherwise), and not when another instance is segmenting right now (its run will be current).
/// </summary>
public sealed class TrainThenSegmentJob(ModelTrainingService trainer, SegmentationService segmentation, JobLeases leases,
    TrainingRequest request, ILogger<TrainThenSegmentJob> logger) : Job
{
    public const string KindName = "training";

    public override string Kind => KindName;

    /// <summary>The models trained: a second click on Train must not queue the same job again.</summary>
    public override string Key => KindName + ":" + string.Join(',', request.Algorithms.Distinct().Order(StringComparer.Ordinal));

    public override string StartedBy => request.StartedBy;
    public override string? Lease => ModelTrainingService.Lease;
    public override bool WaitsForLease => true;
    public override string CancelledOutcome => "Training was stopped before it finished.";
    public override string UnexpectedOutcome => "Training failed unexpectedly; the current champion keeps serving. See the server log.";

    public TrainingRequest Request => request;

    /// <summary>The runs trained (or found trained by the instance this job waited for).</summary>
    public IReadOnlyList<ModelRun> Runs { get; private set; } = [];

    /// <summary>The segmentation run made after training; null when the segments were not refreshed (see <see cref="SegmentsOutcome"/>).</summary>
    public SegmentationRun? Segmented { get; private set; }

    /// <summary>What became of the segments, in words; null when no model trained.</summary>
    public string? SegmentsOutcome { get; private set; }

    public override string WaitingForLease(JobLease heldBy) => $"Waiting: another instance has been training since {heldBy.AcquiredAt:HH:mm} UTC";

    public override async Task<string> RunAsync(JobContext context)
    {
        Runs = await trainer.TrainAsync(request, new InlineProgress<TrainingProgress>(p => context.Report(p.Stage, p.Fraction)),
            context.Cancellation, context.OtherHolderSince, context.AskedAt);
        var ok = Runs.Count(r => r.Status == ModelRunStatus.Succeeded);
        var trained = ok == Runs.Count
            ? $"Trained {ok} model{(ok == 1 ? "" : "s")} at {DateTime.Now:HH:mm}."
            : $"{ok} of {Runs.Count} models trained at {DateTime.Now:HH:mm}; see the failed runs for the reason.";
        if (ok == 0)
        {
            return trained;
        }
        SegmentsOutcome = await SegmentAsync(context);
        return $"{trained} {SegmentsOutcome}";
    }

    private async Task<string> SegmentAsync(JobContext context)
    {
        var ct = context.Cancellation;
        var (lease, _) = await leases.TryAcquireAsync(SegmentationService.Lease, ct);
        if (lease is null)
        {
            return "Segments not refreshed: another instance is segmenting customers now.";
        }
        await using (lease)
        {
            // The runs may be another instance's (this job waited while it trained the same models): its job segmented
            // after them already, and a second segmentation of the same sales would take minutes at a chain's size.
            if (await segmentation.FollowedAsync(Runs.Min(r => r.Id), ct))
            {
                return "Segments already refreshed after this training.";
            }
            using var stopIfLost = CancellationTokenSource.CreateLinkedTokenSource(ct, lease.Lost);
            try
            {
                // The run remembers the training it followed, so the Segments page can say "after training run N".
                Segmented = await segmentation.RunAsync(new SegmentationOptions(), request.StartedBy,
                    new InlineProgress<double>(f => context.Report(SegmentationJob.Stage, f)), stopIfLost.Token, Runs.Min(r => r.Id));
                return $"Segments refreshed: {Segmented.Customers:N0} customers in {Segmented.K} segments.";
            }
            catch (SegmentationException e)
            {
                // The models trained and serve; the previous segments stay current.
                return $"Segments not refreshed: {e.Message}";
            }
            catch (Exception e) when (e is not OperationCanceledException && StorageFaults.Describe(e) is null)
            {
                logger.LogError(e, "Segmentation after training failed");
                return "Segments not refreshed: the segmentation failed unexpectedly (see the server log); the previous segments stay current.";
            }
        }
    }
}
