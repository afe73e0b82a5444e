using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Jobs;

/// <summary>What the Segments page says about segmentation in progress, its own or inside "train, then re-segment".</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class SegmentationActivityTests
{
    private static JobStatus Running(string stage, double fraction) => new(true, 0, stage, fraction, DateTime.UtcNow, null, false);
    private static readonly JobStatus Queued = new(true, 1, JobRunner.WaitingStage, 0, null, null, false);

    [Fact]
    public void Of_NothingRunning_SaysNothing() =>
        Assert.Equal(SegmentationActivity.None, SegmentationActivity.Of(JobStatus.Idle, JobStatus.Idle));

    [Fact]
    public void Of_SegmentationRunning_SaysSoWithItsProgress() =>
        Assert.Equal(new SegmentationActivity("Segmenting customers.", 0.4, true),
            SegmentationActivity.Of(Running(SegmentationJob.Stage, 0.4), JobStatus.Idle));

    [Fact]
    public void Of_TrainingAtItsSegmentationStage_SaysTheCustomersAreSegmentedAfterTraining()
    {
        var activity = SegmentationActivity.Of(JobStatus.Idle, Running(SegmentationJob.Stage, 0.6));

        Assert.Equal((0.6, true), (activity.Fraction, activity.Segmenting));
        Assert.StartsWith("Segmenting customers after training", activity.Words);
    }

    [Fact]
    public void Of_SegmentationQueuedBehindATraining_SaysItWaits_WithoutProgress()
    {
        var activity = SegmentationActivity.Of(Queued, Running("Reading sales", 0.1));

        Assert.Equal(new SegmentationActivity("A segmentation is waiting: it starts when the job before it has finished.", null, false), activity);
    }

    [Fact]
    public void Of_TrainingStillTraining_SaysTheSegmentsFollow()
    {
        var activity = SegmentationActivity.Of(JobStatus.Idle, Running("Reading sales", 0.1));

        Assert.Equal(("A training is running or waiting; the segments are refreshed when it has finished.", (double?)null, false),
            (activity.Words, activity.Fraction, activity.Segmenting));
    }
}
