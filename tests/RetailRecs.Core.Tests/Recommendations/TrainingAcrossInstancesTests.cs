using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// Several app instances (and command-line runs) on one database train one at a time: a training asked for while
/// another instance trains waits for it and says so, and is not repeated when that one trained the same models. The
/// training job runs on the job runner, which holds the lease, as the app and the command line run it.
/// </summary>
public class TrainingAcrossInstancesTests : IAsyncLifetime
{
    private static readonly string OtherInstance = ProcessOwner.Name("till-server-2", 4242);
    private static readonly TrainingRequest Popularity =
        new([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false);

    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    /// <summary>Another instance, alive (beating), holding the lease.</summary>
    private async Task OtherInstanceHoldsAsync(string lease, DateTime? since = null)
    {
        await using var db = _database.CreateContext();
        db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = OtherInstance, BeatAt = DateTime.UtcNow });
        db.JobLeases.Add(new JobLease { Name = lease, Holder = OtherInstance, AcquiredAt = since ?? DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddMinutes(1) });
        await db.SaveChangesAsync();
    }

    private async Task OtherInstanceReleasesAsync()
    {
        await using var db = _database.CreateContext();
        await db.JobLeases.Where(l => l.Holder == OtherInstance).ExecuteDeleteAsync();
    }

    private async Task<int> RunsAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ModelRuns.CountAsync();
    }

    /// <summary>The training job, run in place as the command line runs it; its stages go to <paramref name="stages"/>.</summary>
    private async Task<IReadOnlyList<ModelRun>> TrainAsync(Action<string>? stages = null)
    {
        var training = _database.Get<TrainingJobs>();
        var job = training.For(Popularity);
        void Heard(JobStatus s)
        {
            if (s.Stage is { } stage)
            {
                stages?.Invoke(stage);
            }
        }
        training.Changed += Heard;
        try
        {
            var record = await _database.Get<JobRunner>().RunNowAsync(job);
            Assert.False(record.Failed, record.Outcome);
            return job.Runs;
        }
        finally
        {
            training.Changed -= Heard;
        }
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++)
        {
            await Task.Delay(50);
        }
        Assert.True(condition());
    }

    [Fact]
    public async Task TrainAsync_WhileAnotherInstanceTrains_WaitsSayingSo_ThenTrains()
    {
        await OtherInstanceHoldsAsync(ModelTrainingService.Lease);
        var stages = new List<string>();

        var training = TrainAsync(stage => { lock (stages) { if (stage.StartsWith("Waiting", StringComparison.Ordinal)) stages.Add(stage); } });
        await UntilAsync(() => { lock (stages) return stages.Count > 0; });

        Assert.StartsWith("Waiting: another instance has been training since", stages[0]);
        Assert.False(training.IsCompleted);
        Assert.Equal(0, await RunsAsync());

        await OtherInstanceReleasesAsync();
        var runs = await training.WaitAsync(TimeSpan.FromMinutes(2));
        Assert.Equal(ModelRunStatus.Succeeded, Assert.Single(runs).Status);
        Assert.Equal(1, await RunsAsync());
        await using var db = _database.CreateContext();
        Assert.Empty(await db.JobLeases.ToListAsync()); // released when done
    }

    /// <summary>
    /// Their training began before this one was asked for (Train pressed on both instances a moment apart), after the
    /// last import, and stored a best-seller run with <paramref name="parameters"/> while this one waited. Returns that
    /// run's id and what this training returned.
    /// </summary>
    private async Task<(int Theirs, IReadOnlyList<ModelRun> Runs)> OtherInstanceTrainsMeanwhileAsync(TrainingParameters parameters, bool andSegments = false)
    {
        var began = DateTime.UtcNow;
        await Task.Delay(50);
        await OtherInstanceHoldsAsync(ModelTrainingService.Lease, began);
        var waiting = false;
        var training = TrainAsync(stage => waiting |= stage.StartsWith("Waiting", StringComparison.Ordinal));
        await UntilAsync(() => waiting);

        int theirs;
        await using (var db = _database.CreateContext())
        {
            var run = new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, Owner = OtherInstance, StartedAt = began,
                Parameters = System.Text.Json.JsonSerializer.Serialize(parameters) };
            db.ModelRuns.Add(run);
            await db.SaveChangesAsync();
            theirs = run.Id;
            if (andSegments)
            {
                db.SegmentationRuns.Add(new SegmentationRun { Owner = OtherInstance, Status = ModelRunStatus.Succeeded, StartedBy = "schedule", AfterTrainingRunId = run.Id,
                    FinishedAt = DateTime.UtcNow });
                await db.SaveChangesAsync();
            }
        }
        await OtherInstanceReleasesAsync();
        return (theirs, await training.WaitAsync(TimeSpan.FromMinutes(2)));
    }

    [Fact]
    public async Task TrainAsync_TheOtherInstanceTrainedTheSameModelsMeanwhile_ReturnsItsRuns_WithoutTrainingAgain()
    {
        var (theirs, runs) = await OtherInstanceTrainsMeanwhileAsync(Popularity.Parameters);

        Assert.Equal(theirs, Assert.Single(runs).Id);
        Assert.Equal(1, await RunsAsync());
    }

    /// <summary>The other instance trained the same models and segmented after them: this job, reusing its runs, does not segment again.</summary>
    [Fact]
    public async Task TrainAsync_TheOtherInstanceTrainedAndSegmentedMeanwhile_SegmentsNotAgain()
    {
        var (theirs, _) = await OtherInstanceTrainsMeanwhileAsync(Popularity.Parameters, andSegments: true);

        await using var db = _database.CreateContext();
        Assert.Equal([theirs], await db.SegmentationRuns.Select(s => s.AfterTrainingRunId!.Value).ToListAsync());
    }

    /// <summary>
    /// The other instance trained the same models with other settings (the nightly cosine item-kNN while someone asked
    /// for lift): its runs are not this training's, which trains itself.
    /// </summary>
    [Fact]
    public async Task TrainAsync_TheOtherInstanceTrainedTheSameModelsWithOtherSettings_TrainsItself()
    {
        var (theirs, runs) = await OtherInstanceTrainsMeanwhileAsync(Popularity.Parameters with { UserNeighbours = Popularity.Parameters.UserNeighbours + 7 });

        Assert.NotEqual(theirs, Assert.Single(runs).Id);
        Assert.Equal(2, await RunsAsync());
    }

    [Fact]
    public async Task TrainAsync_TheHolderCrashedMidRun_ItsRunIsMarkedInterrupted_AndThisOneTrains()
    {
        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        var crashed = ProcessOwner.Name(Environment.MachineName, exited.Id);
        await using (var db = _database.CreateContext())
        {
            db.JobLeases.Add(new JobLease { Name = ModelTrainingService.Lease, Holder = crashed, AcquiredAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddMinutes(1) });
            db.ModelRuns.Add(new ModelRun { Algorithm = AlgorithmNames.Hybrid, Status = ModelRunStatus.Running, Owner = crashed });
            await db.SaveChangesAsync();
        }

        var runs = await TrainAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.Equal(ModelRunStatus.Succeeded, Assert.Single(runs).Status);
        await using var check = _database.CreateContext();
        var interrupted = await check.ModelRuns.SingleAsync(r => r.Owner == crashed);
        Assert.Equal(ModelRunStatus.Failed, interrupted.Status);
        Assert.StartsWith("Interrupted", interrupted.Error);
    }

    [Fact]
    public void Enqueue_SameModelsTwice_QueuesOneJob_OtherModelsStillQueue()
    {
        var queue = _database.Get<TrainingJobs>();

        Assert.True(queue.Enqueue(Popularity));
        Assert.False(queue.Enqueue(Popularity with { StartedBy = "second click" }));
        Assert.True(queue.Enqueue(Popularity with { Algorithms = [AlgorithmNames.Hybrid] }));

        Assert.Equal(2, queue.Current.Waiting);
    }

    [Fact]
    public async Task SegmentationJob_WhileAnotherInstanceSegments_IsRefusedInWords_AndStoresNothing()
    {
        await OtherInstanceHoldsAsync(SegmentationService.Lease);

        var refused = await _database.Get<JobRunner>().RunNowAsync(_database.Get<SegmentationJobs>().For(new SegmentationOptions(), "test"));

        Assert.True(refused.Failed);
        Assert.StartsWith("Another instance has been segmenting customers since", refused.Outcome);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.SegmentationRuns.CountAsync());
    }

    [Fact]
    public async Task TrainAsync_SalesImportedAfterTheOtherInstanceBegan_TrainsAgainOnThem()
    {
        var began = DateTime.UtcNow;
        await Task.Delay(50);
        await OtherInstanceHoldsAsync(ModelTrainingService.Lease, began);
        var waiting = false;
        var training = TrainAsync(stage => waiting |= stage.StartsWith("Waiting", StringComparison.Ordinal));
        await UntilAsync(() => waiting);
        await using (var db = _database.CreateContext())
        {
            db.ModelRuns.Add(new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, Owner = OtherInstance, StartedAt = began });
            db.ImportBatches.Add(new ImportBatch { Kind = ImportKind.Transactions, FileName = "today.csv", Sha256 = "today", Status = ImportStatus.Succeeded, FinishedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        await OtherInstanceReleasesAsync();

        var runs = await training.WaitAsync(TimeSpan.FromMinutes(2));

        Assert.NotEqual(OtherInstance, Assert.Single(runs).Owner);
        Assert.Equal(2, await RunsAsync());
    }
}
