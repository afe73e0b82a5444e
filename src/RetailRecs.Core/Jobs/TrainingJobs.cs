using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// Training on the job runner, for the Models page, the start-up and daily schedule, and the command line's
/// <c>train</c>: every one of them runs <see cref="TrainThenSegmentJob"/>.
/// </summary>
public sealed class TrainingJobs(ModelTrainingService trainer, SegmentationService segmentation, JobLeases leases, JobRunner runner,
    ILogger<TrainThenSegmentJob> logger) : JobQueue(runner, TrainThenSegmentJob.KindName)
{
    /// <summary>What "train" means without a choice: every algorithm that can be trained.</summary>
    public static IReadOnlyList<string> DefaultAlgorithms => AlgorithmNames.Trainable;

    /// <summary>Queues the job; false (nothing queued) when a job training the same models is already waiting or running.</summary>
    public bool Enqueue(TrainingRequest request) => Runner.TryEnqueue(For(request));

    /// <summary>The job definition (the command line runs it in place).</summary>
    public TrainThenSegmentJob For(TrainingRequest request) => new(trainer, segmentation, leases, request, logger);
}
