using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Jobs;

/// <summary>"Train, then re-segment": the one training job the Models page, the schedule and the command line run.</summary>
public class TrainThenSegmentJobTests
{
    private static readonly TrainingRequest Popularity =
        new([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "cli", SelectChampion: false);

    [Fact]
    public async Task RunNowAsync_ShopWithSales_TrainsThenMakesTheSegmentsCurrent_AndSaysSo()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var job = database.Get<TrainingJobs>().For(Popularity);

        var record = await database.Get<JobRunner>().RunNowAsync(job);

        Assert.False(record.Failed, record.Outcome);
        Assert.StartsWith("Trained 1 model at", record.Outcome);
        Assert.Contains($"Segments refreshed: {job.Segmented!.Customers:N0} customers in {job.Segmented.K} segments.", record.Outcome);
        await using var db = database.CreateContext();
        Assert.Equal(ModelRunStatus.Succeeded, (await db.ModelRuns.SingleAsync()).Status);
        var segmentation = await db.SegmentationRuns.SingleAsync();
        Assert.Equal((ModelRunStatus.Succeeded, true, "cli"), (segmentation.Status, segmentation.IsCurrent, segmentation.StartedBy));
        Assert.Equal(0, await db.JobLeases.CountAsync()); // both leases released
    }

    [Fact]
    public async Task RunNowAsync_ShopWithSales_TheSegmentationRemembersTheTrainingItFollowed()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);

        await database.Get<JobRunner>().RunNowAsync(database.Get<TrainingJobs>().For(Popularity));

        await using var db = database.CreateContext();
        var trained = await db.ModelRuns.SingleAsync();
        Assert.Equal(trained.Id, (await db.SegmentationRuns.SingleAsync()).AfterTrainingRunId);
    }

    [Fact]
    public async Task RunNowAsync_NoModelTrained_LeavesTheSegmentsAlone()
    {
        await using var database = await TestDatabase.CreateAsync();
        var job = database.Get<TrainingJobs>().For(Popularity);

        var record = await database.Get<JobRunner>().RunNowAsync(job);

        Assert.StartsWith("0 of 1 models trained", record.Outcome);
        Assert.Null(job.SegmentsOutcome);
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.SegmentationRuns.CountAsync());
    }
}
