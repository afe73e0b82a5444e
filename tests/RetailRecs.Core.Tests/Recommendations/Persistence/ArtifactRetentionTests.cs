using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Persistence;

public class ArtifactRetentionTests
{
    [Fact]
    public async Task TrainAsync_KeepingOneRunPerAlgorithm_RemovesOlderModels_ButNotTheChampionsOrAnExperimentsOrTheirSharedParts()
    {
        await using var database = await TestDatabase.CreateAsync(configure: s => s.Configure<TrainingOptions>(o => o.KeepRunsPerAlgorithm = 1));
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var training = database.Get<ModelTrainingService>();
        var registry = database.Get<ModelRegistry>();
        async Task<(int Popularity, int ItemKnn)> TrainAsync()
        {
            var runs = await training.TrainAsync(new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All,
                new TrainingParameters(), "test", SelectChampion: false));
            Assert.All(runs, r => Assert.Equal(ModelRunStatus.Succeeded, r.Status));
            return (runs.Single(r => r.Algorithm == AlgorithmNames.Popularity).Id, runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn).Id);
        }

        var first = await TrainAsync();
        await registry.PromoteAsync(first.ItemKnn, new StaffActor(null, "test"));
        var second = await TrainAsync();
        await using (var db = database.CreateContext())
        {
            db.Experiments.Add(new Experiment
            {
                Name = "names a run",
                Variants = ExperimentJson.Write(new[] { new ExperimentVariant("A", second.Popularity, SuggestionMode.Discovery, 10, 1) }),
            });
            await db.SaveChangesAsync();
        }
        var third = await TrainAsync();

        await using var check = database.CreateContext();
        var kept = await check.ModelRunArtifacts.Select(a => a.ModelRunId).OrderBy(id => id).ToListAsync();
        // The first job's popularity and the second's item-knn are older than the latest of their algorithm.
        Assert.Equal(new[] { first.ItemKnn, second.Popularity, third.Popularity, third.ItemKnn }.Order(), kept);
        var removed = await check.ModelRuns.Where(r => r.ArtifactRemovedAt != null).Select(r => r.Id).OrderBy(id => id).ToListAsync();
        Assert.Equal(new[] { first.Popularity, second.ItemKnn }.Order(), removed);
        Assert.Equal(6, await check.ModelRuns.CountAsync(r => r.Status == ModelRunStatus.Succeeded));
        // One part per job, each still named by a kept run.
        Assert.Equal(3, await check.ModelArtifactParts.CountAsync());
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.LoadRunAsync(first.Popularity));
        Assert.Contains("removed", error.Message, StringComparison.Ordinal);
        Assert.Equal(AlgorithmNames.ItemKnn, (await registry.LoadRunAsync(first.ItemKnn)).Algorithm);

        // Once the champion moves on and the experiment has stopped (it needs no model then), the first job's last
        // model, the run the experiment named and their parts go too: a stopped experiment keeps no customer's history.
        await registry.PromoteAsync(third.ItemKnn, new StaffActor(null, "test"));
        await check.Experiments.ExecuteUpdateAsync(s => s.SetProperty(e => e.Status, ExperimentStatus.Stopped));
        var fourth = await TrainAsync();

        Assert.Equal(new[] { third.ItemKnn, fourth.Popularity, fourth.ItemKnn }.Order(),
            await check.ModelRunArtifacts.Select(a => a.ModelRunId).OrderBy(id => id).ToListAsync());
        Assert.NotNull((await check.ModelRuns.SingleAsync(r => r.Id == second.Popularity)).ArtifactRemovedAt);
        Assert.Equal(2, await check.ModelArtifactParts.CountAsync());
    }

    /// <summary>
    /// A manager saves a draft naming an older run just after the clean-up first read the experiments (as a training
    /// ends): the clean-up reads them again inside its transaction and keeps that run's model.
    /// </summary>
    [Fact]
    public async Task RemoveOlderAsync_DraftSavedAfterTheFirstRead_KeepsTheRunItNames()
    {
        TestDatabase? database = null;
        int older = 0, newer = 0;
        var saveDraft = new AfterCommand(sql => sql.Contains("Experiments", StringComparison.Ordinal) && sql.StartsWith("SELECT", StringComparison.Ordinal), async () =>
        {
            await using var other = database!.CreateContext();
            other.Experiments.Add(new Experiment
            {
                Name = "saved meanwhile",
                Variants = ExperimentJson.Write(new[] { new ExperimentVariant("A", older, SuggestionMode.Discovery, 10, 1) }),
            });
            await other.SaveChangesAsync();
        });
        await using var created = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(saveDraft));
        database = created;
        (older, newer) = await TwoRunsWithModelsAsync(database);

        await using (var db = database.CreateContext())
        {
            Assert.Empty(await ArtifactRetention.RemoveOlderAsync(db, 1, DateTime.UtcNow, default));
        }

        await using var check = database.CreateContext();
        Assert.Equal(1, await check.Experiments.CountAsync()); // the draft was saved between the two reads
        Assert.Equal([older, newer], await check.ModelRunArtifacts.Select(a => a.ModelRunId).OrderBy(id => id).ToListAsync());
        Assert.Equal(0, await check.ModelRuns.CountAsync(r => r.ArtifactRemovedAt != null));
    }

    /// <summary>
    /// A manager saves a draft naming an older run while the clean-up is inside its transaction, after its last read of
    /// the experiments: the save waits for the clean-up (the runs are locked), then finds the model gone and is refused
    /// with the cause; before, it read the run before the removal committed and saved a draft that could not serve.
    /// </summary>
    [Fact]
    public async Task RemoveOlderAsync_DraftSavedDuringTheCleanUp_IsRefusedWithTheCause_AndNothingIsSaved()
    {
        TestDatabase? database = null;
        int older = 0, newer = 0;
        Task<Experiment>? saving = null;
        var transactions = new TransactionStarts();
        var experimentReads = 0;
        // After the clean-up's second read of the experiments (the one inside its transaction).
        var saveDraft = new AfterCommand(
            sql => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("\"Experiments\"", StringComparison.Ordinal)
                && Interlocked.Increment(ref experimentReads) == 2,
            async () =>
            {
                var began = transactions.Arm();
                // On a thread of its own: SQLite waits for its write lock without yielding.
                saving = Task.Run(() => database!.Get<ExperimentService>().CreateAsync(new ExperimentDraft("Older best sellers", "Last month's list sells as well.",
                    ExperimentUnit.Customer,
                    [new ExperimentVariant("A", newer, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", older, SuggestionMode.Discovery, 10, 1)],
                    ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), new StaffActor(null, "manager")));
                // The clean-up goes on once the save has begun its transaction (it then waits for the clean-up's lock),
                // or has finished. Without a transaction of its own the save reads the run and writes at once: it is given
                // ample time to do so, so a save that did not wait is caught, not missed.
                await Task.WhenAny(saving, began, Task.Delay(TimeSpan.FromSeconds(5)));
            });
        await using var created = await TestDatabase.CreateAsync(configure: s => s
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(saveDraft)
            .AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(transactions));
        database = created;
        (older, newer) = await TwoRunsWithModelsAsync(database);

        await using (var db = database.CreateContext())
        {
            Assert.Equal([older], await ArtifactRetention.RemoveOlderAsync(db, 1, DateTime.UtcNow, default));
        }

        Assert.NotNull(saving);
        var refused = await Assert.ThrowsAsync<ExperimentException>(() => saving!);
        Assert.StartsWith($"Model run {older} no longer has its model: it was removed on ", refused.Message, StringComparison.Ordinal);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Experiments.CountAsync());
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Action == "experiment.created"));
        Assert.Equal([newer], await check.ModelRunArtifacts.Select(a => a.ModelRunId).ToListAsync());
    }

    /// <summary>
    /// An experiment stops and promotes its winner, an older run no experiment keeps any more, while a training's
    /// clean-up removes that run's model right after the promotion loaded it: the promotion is refused with the cause
    /// and the champion stays, instead of naming a model no other instance (nor this one after a restart) could load.
    /// </summary>
    [Fact]
    public async Task PromoteTestedAsync_ModelRemovedAfterItWasLoaded_IsRefusedWithTheCause_AndTheChampionStays()
    {
        TestDatabase? database = null;
        var armed = false;
        int winner = 0;
        // Fired when the promotion begins its transaction, after it loaded the model (the load's own reads bypass EF).
        var removeModel = new BeforeTransaction(() => Volatile.Read(ref armed), async () =>
        {
            await using var other = database!.CreateContext();
            await other.ModelRunArtifacts.Where(a => a.ModelRunId == winner).ExecuteDeleteAsync();
            await other.ModelRuns.Where(r => r.Id == winner)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ArtifactRemovedAt, new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc)));
        });
        await using var created = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(removeModel));
        database = created;
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = database.Get<ModelTrainingService>();
        var request = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test");
        winner = (await trainer.TrainAsync(request with { SelectChampion = false })).Single().Id;
        var champion = (await trainer.TrainAsync(request with { SelectChampion = false })).Single().Id;
        var registry = database.Get<ModelRegistry>();
        await registry.PromoteAsync(champion, new StaffActor(null, "test"));
        Volatile.Write(ref armed, true);

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PromoteTestedAsync(winner, new StaffActor(null, "manager")));

        Assert.Equal($"Run {winner}'s stored model was removed on 5 Dec 2026 as an older run, so it cannot serve; promote a later run of the same model, "
            + "or train again.", refused.Message);
        await using var check = database.CreateContext();
        Assert.Equal(champion, await check.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).SingleAsync());
        Assert.Equal(champion, (await registry.GetChampionAsync())!.RunId);
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Action == ModelRegistry.PromotedAction && a.UserName == "manager"));
    }

    /// <summary>Two trained best-seller runs, each with a stored model (a few bytes: these tests never load one).</summary>
    private static async Task<(int Older, int Newer)> TwoRunsWithModelsAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        var (older, newer) = await Builders.TwoPopularityRunsAsync(db);
        db.ModelRunArtifacts.AddRange(new ModelRunArtifact { ModelRunId = older, Data = [1, 2, 3] }, new ModelRunArtifact { ModelRunId = newer, Data = [4, 5, 6] });
        await db.SaveChangesAsync();
        return (older, newer);
    }

    /// <summary>Signals when a transaction next begins (before the database grants it).</summary>
    /// <summary>Runs an action once, before the first transaction that starts while <c>when</c> holds.</summary>
    private sealed class BeforeTransaction(Func<bool> when, Func<Task> then) : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        private int _fired;

        public override async ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            if (when() && Interlocked.Exchange(ref _fired, 1) == 0)
            {
                await then();
            }
            return result;
        }
    }

    private sealed class TransactionStarts : Microsoft.EntityFrameworkCore.Diagnostics.DbTransactionInterceptor
    {
        private TaskCompletionSource? _next;

        public Task Arm()
        {
            var next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _next, next);
            return next.Task;
        }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction>> TransactionStartingAsync(
            System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.TransactionStartingEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbTransaction> result, CancellationToken cancellationToken = default)
        {
            Volatile.Read(ref _next)?.TrySetResult();
            return ValueTask.FromResult(result);
        }
    }
}
