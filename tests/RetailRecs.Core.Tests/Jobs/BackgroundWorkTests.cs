using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Jobs;

/// <summary>
/// The Background work page's reading (on a real SQLite file): the recent jobs from each kind's stored runs, the
/// training's several model runs as one job, and another instance's running job said to be elsewhere.
/// </summary>
public class BackgroundWorkTests
{
    private static readonly TrainingRequest Popularity =
        new([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "schedule", SelectChampion: false);

    [Fact]
    public async Task RecentAsync_TrainThenSegmentThroughTheRunner_ShowsTheTrainingAndTheSegmentationAfterIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var job = database.Get<TrainingJobs>().For(Popularity);
        await database.Get<JobRunner>().RunNowAsync(job);

        var recent = await database.Get<BackgroundWork>().RecentAsync();

        // The demo seed's import, the training, the segmentation after it: newest first.
        Assert.Equal(["segmentation", "training", "import"], recent.Select(j => j.Kind));
        var training = recent[1];
        var segmentation = recent[0];
        Assert.Equal(($"Run {job.Runs[0].Id}", JobState.Succeeded, "Trained 1 model.", "schedule"),
            (training.What, training.State, training.Message, training.StartedBy));
        Assert.Equal($"Run {job.Segmented!.Id}, after training run {job.Runs[0].Id}", segmentation.What);
        Assert.Equal(($"{job.Segmented.Customers:N0} customers in {job.Segmented.K} segments.", JobState.Succeeded),
            (segmentation.Message, segmentation.State));
        Assert.DoesNotContain(recent, j => j.ThisInstanceOnly);
    }

    [Fact]
    public async Task RecentAsync_TrainingWithoutSales_FailsWithTheReasonInWords()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<JobRunner>().RunNowAsync(database.Get<TrainingJobs>().For(Popularity));

        var failed = Assert.Single(await database.Get<BackgroundWork>().RecentAsync());

        Assert.Equal(("Failed", true), (failed.Outcome, failed.Failed));
        Assert.StartsWith("Not enough sales to learn from", failed.Message);
        Assert.NotNull(failed.FinishedAt);
    }

    [Fact]
    public async Task RecentAsync_ModelRunsOfTwoTrainings_ShowsEachTrainingOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        var first = new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);
        var second = first.AddMinutes(40);
        await using (var db = database.CreateContext())
        {
            db.ModelRuns.AddRange(
                Run(AlgorithmNames.Popularity, first, "schedule", ModelRunStatus.Succeeded),
                Run(AlgorithmNames.ItemKnn, first.AddMilliseconds(3), "schedule", ModelRunStatus.Failed, "The training ran out of memory."),
                Run(AlgorithmNames.Popularity, second, "admin@store.example", ModelRunStatus.Succeeded),
                Run(AlgorithmNames.ItemKnn, second.AddMilliseconds(2), "admin@store.example", ModelRunStatus.Succeeded),
                Run(AlgorithmNames.Hybrid, second.AddMilliseconds(4), "admin@store.example", ModelRunStatus.Succeeded));
            await db.SaveChangesAsync();
        }

        var recent = await database.Get<BackgroundWork>().RecentAsync();

        Assert.Equal(
            [("Runs 3–5 (3 models)", JobState.Succeeded, "Trained 3 models."), ("Runs 1–2 (2 models)", JobState.Succeeded, "1 of 2 models trained. The training ran out of memory.")],
            recent.Select(j => (j.What, j.State, j.Message)));
    }

    [Fact]
    public async Task RecentAsync_RunLeftRunningByAnotherInstance_SaysItRunsElsewhere_AndLeavesThisInstancesRunningJobsOut()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using (var db = database.CreateContext())
        {
            db.SegmentationRuns.Add(new SegmentationRun { Status = ModelRunStatus.Running, StartedBy = "startup", Owner = ProcessOwner.Name("till-server-2", 4242) });
            db.EvaluationRuns.Add(new EvaluationRun { Status = ModelRunStatus.Running, StartedBy = "cli" }); // this process's: the live list shows it
            await db.SaveChangesAsync();
        }

        var elsewhere = Assert.Single(await database.Get<BackgroundWork>().RecentAsync());

        Assert.Equal(("segmentation", JobState.RunningElsewhere, "Running on another instance"), (elsewhere.Kind, elsewhere.State, elsewhere.Outcome));
    }

    [Fact]
    public async Task Active_JobRunningAndOneWaiting_ListsBothInOrder_WithTheRunningOnesStage()
    {
        await using var database = await TestDatabase.CreateAsync();
        var runner = database.Get<JobRunner>();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        using var stop = new CancellationTokenSource();
        Assert.True(runner.TryEnqueue(new HeldJob("first", gate, started)));
        Assert.True(runner.TryEnqueue(new HeldJob("second", gate, null)));
        var running = runner.RunAsync(stop.Token);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var active = database.Get<BackgroundWork>().Active;

        Assert.Equal([("Working", true), (null, false)], active.Select(j => (j.Stage, j.Running)));
        gate.SetResult();
        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Empty(database.Get<BackgroundWork>().Active);
        await stop.CancelAsync();
        await running;
    }

    private static ModelRun Run(string algorithm, DateTime startedAt, string by, ModelRunStatus status, string? error = null) =>
        new() { Algorithm = algorithm, StartedAt = startedAt, FinishedAt = startedAt.AddMinutes(5), StartedBy = by, Status = status, Error = error };

    private sealed class HeldJob(string key, TaskCompletionSource gate, TaskCompletionSource? started) : Job
    {
        public override string Kind => "test";
        public override string Key => key;
        public override string StartedBy => "cli";

        public override async Task<string> RunAsync(JobContext context)
        {
            context.Report("Working", 0.5);
            started?.TrySetResult();
            await gate.Task.WaitAsync(context.Cancellation);
            return "Done.";
        }
    }
}
