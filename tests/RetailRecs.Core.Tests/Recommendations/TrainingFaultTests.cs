using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// The database refusing a training's writes: out of space while the models are stored, or held by another program
/// while a run is promoted. The champion keeps serving, the runs say why, and the next attempt succeeds.
/// </summary>
public class TrainingFaultTests
{
    // The quickest to train; its stored model still takes megabytes (the bundle carries the catalogue and histories).
    private static readonly string[] Algorithms = [AlgorithmNames.Popularity];

    private static Task<IReadOnlyList<ModelRun>> TrainAsync(TestDatabase db, bool selectChampion = true) =>
        db.Get<ModelTrainingService>().TrainAsync(new TrainingRequest(Algorithms, TrainingWindow.All, new TrainingParameters(), "test", selectChampion));

    private static async Task<(TestDatabase Db, int ChampionId)> TrainedAsync(SqliteDiskLimit? disk = null)
    {
        var db = await TestDatabase.CreateAsync(database: o => o.BusyTimeoutSeconds = 1, sqliteOnly: true,
            configure: s => s.AddSingleton<IInterceptor>(disk ?? new SqliteDiskLimit()));
        await db.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var runs = await TrainAsync(db);
        Assert.All(runs, r => Assert.Equal(ModelRunStatus.Succeeded, r.Status));
        var champion = runs.Single().Id;
        // The first training of a database promotes its run itself; promote here only if it did not.
        await using (var context = db.CreateContext())
        {
            if (!await context.ModelRuns.AnyAsync(r => r.Id == champion && r.IsChampion))
            {
                await db.Get<ModelRegistry>().PromoteAsync(champion, StaffActor.System);
            }
        }
        return (db, champion);
    }

    private static async Task<int?> StoredChampionAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.ModelRuns.Where(r => r.IsChampion).Select(r => (int?)r.Id).SingleOrDefaultAsync();
    }

    [Fact]
    public async Task TrainAsync_DiskFullWhileModelsAreStored_RunsFailInWordsChampionServesAndRetrySucceeds()
    {
        var disk = new SqliteDiskLimit();
        var (db, champion) = await TrainedAsync(disk);
        await using var _ = db;
        // Room for the run's row, not for its model (megabytes).
        disk.FillUpAfter(db.FilePath, pages: 8);

        var failed = await TrainAsync(db);

        Assert.All(failed, r =>
        {
            Assert.Equal(ModelRunStatus.Failed, r.Status);
            Assert.StartsWith("Training failed: The disk is full", r.Error);
            Assert.Contains("the champion keeps serving", r.Error);
        });
        await using (var context = db.CreateContext())
        {
            var ids = failed.Select(r => r.Id).ToList();
            Assert.All(await context.ModelRuns.Where(r => ids.Contains(r.Id)).ToListAsync(), r => Assert.Equal(ModelRunStatus.Failed, r.Status));
            Assert.False(await context.ModelRunArtifacts.AnyAsync(a => ids.Contains(a.ModelRunId)));
        }
        Assert.Equal(champion, await StoredChampionAsync(db));
        Assert.Equal(champion, (await db.Get<ModelRegistry>().GetChampionAsync())!.RunId);

        disk.Limit = null;
        Assert.All(await TrainAsync(db), r => Assert.Equal(ModelRunStatus.Succeeded, r.Status));
    }

    [Fact]
    public async Task PromoteAsync_DatabaseWriteLockedBeyondTimeout_RefusedInWordsChampionUnchangedAndRetrySucceeds()
    {
        var (db, champion) = await TrainedAsync();
        await using var _ = db;
        {
            var challenger = (await TrainAsync(db, selectChampion: false)).Single().Id; // promoted by hand below
            var registry = db.Get<ModelRegistry>();

            StorageUnavailableException refused;
            using (new SqliteWriteLock(db.FilePath))
            {
                refused = await Assert.ThrowsAsync<StorageUnavailableException>(() => registry.PromoteAsync(challenger, StaffActor.System));
            }

            Assert.Equal(StorageFault.Busy, refused.Fault);
            Assert.StartsWith("The database is busy", refused.Message);
            Assert.Equal(champion, await StoredChampionAsync(db));
            Assert.Equal(champion, (await registry.GetChampionAsync())!.RunId);
            await registry.PromoteAsync(challenger, StaffActor.System);
            Assert.Equal(challenger, await StoredChampionAsync(db));
            Assert.Equal(challenger, (await registry.GetChampionAsync())!.RunId);
        }
    }

    [Fact]
    public async Task RunNowAsync_TrainingWhileTheDatabaseIsWriteLocked_StatusSaysWhyAndIsNoLongerBusy()
    {
        await using var db = await TestDatabase.CreateAsync(database: o => o.BusyTimeoutSeconds = 1, sqliteOnly: true);
        var training = db.Get<TrainingJobs>();
        var job = training.For(new TrainingRequest(Algorithms, TrainingWindow.All, new TrainingParameters(), "test"));

        JobRecord record;
        using (new SqliteWriteLock(db.FilePath))
        {
            record = await db.Get<JobRunner>().RunNowAsync(job);
        }

        Assert.True(record.Failed);
        Assert.StartsWith("The database is busy", record.Outcome);
        Assert.False(training.Current.Busy);
        Assert.True(training.Current.LastFailed);
        Assert.StartsWith("The database is busy", training.Current.LastOutcome);
    }
}
