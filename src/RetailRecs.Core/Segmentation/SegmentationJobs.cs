using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common;

namespace RetailRecs.Core.Segmentation;

/// <summary>Segmentation runs in the background, one at a time, with progress for the Segments page.</summary>
public sealed class SegmentationJobs(SegmentationService service, ILogger<SegmentationJobs> logger) : BackgroundJob(logger)
{
    /// <summary>Starts a run unless one is already running; false when busy.</summary>
    public bool TryStart(SegmentationOptions options, string startedBy, CancellationToken stopping = default) =>
        TryStart(async (progress, ct) =>
        {
            var run = await service.RunAsync(options, startedBy, new InlineProgress<double>(f => progress.Report(("Segmenting customers", f))), ct);
            return $"{run.Customers:N0} customers segmented into {run.K} segments at {DateTime.Now:HH:mm}.";
        }, typeof(SegmentationException), stopping);
}
