using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Persistence;

/// <summary>
/// Promotions from a Models page showing an older state ("stale tabs"): a run already made champion by someone else,
/// or one that a newer training of its algorithm has replaced, is refused with a message and changes nothing.
/// </summary>
public class ModelRegistryStalePromotionTests : IAsyncLifetime
{
    private static readonly StaffActor First = new(null, "first.admin");
    private static readonly StaffActor Second = new(null, "second.admin");
    private TestDatabase _database = null!;
    private ModelRun _older = null!, _newer = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = _database.Get<ModelTrainingService>();
        var request = new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test");
        _older = (await trainer.TrainAsync(request)).Single(); // the first champion, promoted by the training itself
        // Left to an admin: a retrained champion algorithm would otherwise replace the champion at once.
        _newer = (await trainer.TrainAsync(request with { SelectChampion = false })).Single();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> ChampionAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).SingleAsync();
    }

    [Fact]
    public async Task PromoteAsync_RunAlreadyPromotedFromAnotherTab_IsRefused()
    {
        var registry = _database.Get<ModelRegistry>();
        Assert.Equal(_older.Id, await ChampionAsync()); // both tabs show the newer run with a Promote button

        await registry.PromoteAsync(_newer.Id, First);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PromoteAsync(_newer.Id, Second));

        Assert.Contains($"Run {_newer.Id} is already the champion", refused.Message);
        Assert.Contains("by first.admin", refused.Message);
        Assert.Equal(_newer.Id, await ChampionAsync());
        await using var db = _database.CreateContext();
        Assert.Equal("first.admin", await db.ModelRuns.Where(r => r.Id == _newer.Id).Select(r => r.PromotedBy).SingleAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync(a => a.Action == ModelRegistry.PromotedAction && a.UserName == "second.admin"));
    }

    [Fact]
    public async Task PromoteAsync_RunNoLongerTheLatestOfItsAlgorithm_IsRefused_AndTheChampionKeepsServing()
    {
        var registry = _database.Get<ModelRegistry>();
        await registry.PromoteAsync(_newer.Id, First);

        // A tab opened before the newer training still offers to promote the older run.
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PromoteAsync(_older.Id, Second));

        Assert.Contains($"Run {_older.Id} is no longer the latest popularity run: run {_newer.Id} was trained since", refused.Message);
        Assert.Equal(_newer.Id, await ChampionAsync());
        Assert.Equal(_newer.Id, (await registry.GetChampionAsync())!.RunId);
    }

    [Fact]
    public async Task PromoteAsync_TwoAppInstancesAtTheSameMoment_ExactlyOneSucceeds()
    {
        // Two registries over one database, as two app instances behind a load balancer: no shared in-process lock.
        var contexts = _database.Get<IDbContextFactory<RetailDbContext>>();
        var other = new ModelRegistry(contexts, _database.Get<RetailRecs.Core.Common.Changes.ChangeFeed>(),
            _database.Services.GetServices<IChampionHold>(), _database.Services.GetRequiredService<ILogger<ModelRegistry>>());

        var outcomes = await Task.WhenAll(
            Outcome(_database.Get<ModelRegistry>().PromoteAsync(_newer.Id, First)),
            Outcome(other.PromoteAsync(_newer.Id, Second)));

        Assert.Equal(1, outcomes.Count(ok => ok));
        Assert.Equal(_newer.Id, await ChampionAsync());
    }

    /// <summary>
    /// Two instances promote two different runs at once: on PostgreSQL each cleared the champions it could see before
    /// setting its own, so the second, started while the first was between those two statements, left both champion
    /// (and instances served different models). One champion, always.
    /// </summary>
    [PostgresOnlyFact]
    public async Task PromoteAsync_AnotherInstancePromotesADifferentRunMeanwhile_LeavesOneChampion()
    {
        var knn = (await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false))).Single();
        ModelRegistry Instance(IDbContextFactory<RetailDbContext> contexts) => new(contexts, _database.Get<RetailRecs.Core.Common.Changes.ChangeFeed>(),
            _database.Services.GetServices<IChampionHold>(), _database.Services.GetRequiredService<ILogger<ModelRegistry>>());
        Task? other = null;
        // After the first instance cleared the old champion, before it sets its own: the second promotes meanwhile (and
        // waits on the first's locks, or its turn, which the pause must not wait for).
        var pause = new AfterCommand(sql => sql.Contains("UPDATE \"ModelRuns\"", StringComparison.Ordinal), async () =>
        {
            other = Outcome(Instance(_database.Get<IDbContextFactory<RetailDbContext>>()).PromoteAsync(knn.Id, Second));
            await Task.WhenAny(other, Task.Delay(TimeSpan.FromSeconds(2)));
        });

        await Instance(new Analytics.Rollups.PausingContexts(_database, pause)).PromoteAsync(_newer.Id, First);
        await other!;

        await using var db = _database.CreateContext();
        Assert.Equal([knn.Id], await db.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).ToListAsync());
    }

    private static async Task<bool> Outcome(Task promote)
    {
        try
        {
            await promote;
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
