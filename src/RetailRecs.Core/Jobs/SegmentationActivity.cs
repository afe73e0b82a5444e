using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// What the Segments page says about segmentation in progress: a run of its own, or the one inside "train, then
/// re-segment" (which the runner reports under the training kind, not the segmentation kind).
/// </summary>
/// <param name="Words">The sentence to show; null when nothing is running or waiting.</param>
/// <param name="Fraction">How far the segmentation has got (0–1); null when it has not started (the bar then moves on its own).</param>
/// <param name="Segmenting">True while customers are being segmented (by either kind of job).</param>
public sealed record SegmentationActivity(string? Words, double? Fraction, bool Segmenting)
{
    public static readonly SegmentationActivity None = new(null, null, false);

    public static SegmentationActivity Of(JobStatus segmentation, JobStatus training)
    {
        if (segmentation.Running)
        {
            return new("Segmenting customers.", segmentation.Fraction, true);
        }
        if (training.Running && training.Stage == SegmentationJob.Stage)
        {
            return new("Segmenting customers after training (the training job refreshes the segments when a model trained).", training.Fraction, true);
        }
        if (segmentation.Busy)
        {
            return new("A segmentation is waiting: it starts when the job before it has finished.", null, false);
        }
        if (training.Busy)
        {
            return new("A training is running or waiting; the segments are refreshed when it has finished.", null, false);
        }
        return None;
    }
}
