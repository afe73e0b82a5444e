using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Persistence;

/// <summary>
/// The database names a champion whose stored model this instance cannot read (written by a newer version during a
/// rolling upgrade, or damaged): suggestions must not fail on every request — the model loaded before keeps serving,
/// and the Models page says what is wrong.
/// </summary>
public class UnreadableChampionTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _popularity, _broken;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var runs = await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false));
        (_popularity, _broken) = (runs.Single(r => r.Algorithm == AlgorithmNames.Popularity).Id, runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn).Id);
        await using var db = _database.CreateContext();
        await db.ModelRunArtifacts.Where(a => a.ModelRunId == _broken).ExecuteUpdateAsync(a => a.SetProperty(x => x.SharedPartAt, 1_000_000_000));
    }

    public Task DisposeAsync() => _database.DisposeAsync().AsTask();

    private async Task MakeChampionInTheDatabaseAsync(int runId)
    {
        await using var db = _database.CreateContext();
        await db.ModelRuns.ExecuteUpdateAsync(r => r.SetProperty(x => x.IsChampion, x => x.Id == runId));
    }

    private async Task<int> SomeCustomerAsync()
    {
        await using var db = _database.CreateContext();
        return await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    [Fact]
    public async Task ForCustomerAsync_ChampionUnreadableAndNothingLoadedBefore_SaysSoInsteadOfFailing()
    {
        await MakeChampionInTheDatabaseAsync(_broken);
        var registry = _database.Get<ModelRegistry>();

        var list = await _database.Get<RecommendationService>().ForCustomerAsync(await SomeCustomerAsync());

        Assert.Equal(SuggestionList.ChampionUnreadable.Notice, list.Notice);
        Assert.Empty(list.Items);
        Assert.Null(await registry.GetChampionAsync());
        Assert.Contains($"run {_broken}, could not be loaded", registry.ChampionProblem);
        Assert.Contains("Train again, or promote another run.", registry.ChampionProblem);
    }

    [Fact]
    public async Task GetChampionAsync_AnotherInstancePromotesARunThisOneCannotRead_TheLoadedChampionKeepsServing()
    {
        var registry = _database.Get<ModelRegistry>();
        await registry.PromoteAsync(_popularity, new StaffActor(null, "admin"));
        await MakeChampionInTheDatabaseAsync(_broken);

        await registry.OnChangesAsync([new ChangeNotice { Kind = ChangeKinds.Champion, SubjectId = _broken }], fromThisInstance: false, CancellationToken.None);
        for (var i = 0; i < 200 && registry.ChampionProblem is null; i++)
        {
            await Task.Delay(50);
        }

        Assert.Contains($"Run {_popularity}, loaded before, keeps serving.", registry.ChampionProblem);
        Assert.Equal(_popularity, (await registry.GetChampionAsync())!.RunId);
        var list = await _database.Get<RecommendationService>().ForCustomerAsync(await SomeCustomerAsync());
        Assert.Equal(_popularity, list.ModelRunId);
        Assert.NotEmpty(list.Items);
    }
}
