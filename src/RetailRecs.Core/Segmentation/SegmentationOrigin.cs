using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Core.Segmentation;

/// <summary>How a segmentation run began, for the Segments page: on its own, or after a training ("train, then re-segment").</summary>
public static class SegmentationOrigin
{
    /// <summary>"After training run 12 (daily schedule)", "By hand", "At start-up", "Command line".</summary>
    public static string Describe(string startedBy, int? afterTrainingRunId)
    {
        var who = JobStarters.ByHand(startedBy) ? "By hand" : JobStarters.Describe(startedBy);
        return afterTrainingRunId is { } run
            ? $"After training run {run} ({(JobStarters.ByHand(startedBy) ? "started by hand" : who.ToLowerInvariant())})"
            : who;
    }
}
