using RetailRecs.Core.Common;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Segmentation;

/// <summary>Segmentation on the job runner, one at a time, with progress for the Segments page.</summary>
public sealed class SegmentationJobs(SegmentationService service, JobRunner runner) : JobQueue(runner, SegmentationJob.KindName)
{
    /// <summary>Queues a run unless one is already waiting or running; false when busy.</summary>
    public bool TryStart(SegmentationOptions options, string startedBy) => Runner.TryEnqueue(For(options, startedBy));

    /// <summary>The job definition (the command line runs it in place).</summary>
    public SegmentationJob For(SegmentationOptions options, string startedBy) => new(service, options, startedBy);
}

/// <summary>One segmentation run, holding the segmentation lease: another instance segmenting refuses it in words.</summary>
public sealed class SegmentationJob(SegmentationService service, SegmentationOptions options, string startedBy) : Job
{
    public const string KindName = "segmentation";

    /// <summary>The stage a segmentation reports while it runs, on its own or inside a training job (the Segments page follows both).</summary>
    public const string Stage = "Segmenting customers";

    public override string Kind => KindName;
    public override string StartedBy => startedBy;
    public override string? Lease => SegmentationService.Lease;

    /// <summary>The stored run, once it succeeded.</summary>
    public SegmentationRun? Run { get; private set; }

    public override string RefusedByLease(JobLease? heldBy) =>
        $"Another instance has been segmenting customers since {heldBy?.AcquiredAt:HH:mm} UTC; its result appears here when it is done.";

    public override async Task<string> RunAsync(JobContext context)
    {
        Run = await service.RunAsync(options, startedBy, new InlineProgress<double>(f => context.Report(Stage, f)), context.Cancellation);
        return $"{Run.Customers:N0} customers segmented into {Run.K} segments at {DateTime.Now:HH:mm}.";
    }

    public override string? Explain(Exception e) => e is SegmentationException ? e.Message : null;
}
