using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Persistence;

public class StoredArtifactTests
{
    [Fact]
    public async Task Open_OwnBytesWithTheSharedPartBetween_ReadsAsTheWholeArtifact_InSmallReads()
    {
        var data = await DemoSales.LoadAsync();
        var bundle = BundleTrainer.Train(data, [AlgorithmNames.ItemKnn], new TrainingParameters()).Single().Bundle!;
        var pieces = new ModelArtifact.JobWriter().PiecesOf(bundle);
        byte[] own = [.. pieces.Header, .. pieces.Ranker];

        using var stream = StoredArtifact.Open(own, pieces.Shared, pieces.Header.Length);
        using var copy = new MemoryStream();
        stream.CopyTo(copy, bufferSize: 7); // reads that end inside and across the three segments

        Assert.Equal(ModelArtifact.Write(bundle), copy.ToArray());
        Assert.Throws<InvalidDataException>(() => StoredArtifact.Open(own, pieces.Shared, own.Length + 1));
        Assert.Throws<InvalidDataException>(() => StoredArtifact.Open(own, pieces.Shared, null));
    }

    [Fact]
    public async Task LoadRunAsync_ArtifactStoredWholeBeforePartsWereShared_StillLoadsAndServesTheSame()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var runs = await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false));
        var run = runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn);
        var registry = database.Get<ModelRegistry>();
        var shared = await registry.LoadRunAsync(run.Id);
        await using (var db = database.CreateContext())
        {
            Assert.Equal(1, await db.ModelArtifactParts.CountAsync());
            // What a run stored before this change holds: the whole artifact in its own row, no part.
            await db.ModelRunArtifacts.Where(a => a.ModelRunId == run.Id).ExecuteUpdateAsync(a => a
                .SetProperty(x => x.Data, ModelArtifact.Write(shared))
                .SetProperty(x => x.SharedPartId, (int?)null)
                .SetProperty(x => x.SharedPartAt, (int?)null));
        }

        var whole = await registry.LoadRunAsync(run.Id);

        var customer = Enumerable.Range(0, shared.CustomerIds.Count).First(c => shared.Histories[c].Length >= 5);
        var query = new RecommendationQuery(shared.Histories[customer], [], shared.LastDay, customer);
        Assert.Equal(AlgorithmNames.ItemKnn, whole.Algorithm);
        Assert.Equal(shared.Ranker.Recommend(query, 10).Select(c => c.Item), whole.Ranker.Recommend(query, 10).Select(c => c.Item));
        Assert.Equal(shared.Histories.Sum(h => h.Length), whole.Histories.Sum(h => h.Length));
    }

    [Fact]
    public async Task LoadRunAsync_SharedPartPlaceBeyondItsOwnBytes_SaysTrainAgain_AndTheNextLoadStillWorks()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var runs = await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false));
        var (broken, sound) = (runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn).Id, runs.Single(r => r.Algorithm == AlgorithmNames.Popularity).Id);
        await using (var db = database.CreateContext())
        {
            await db.ModelRunArtifacts.Where(a => a.ModelRunId == broken).ExecuteUpdateAsync(a => a.SetProperty(x => x.SharedPartAt, 1_000_000_000));
        }
        var registry = database.Get<ModelRegistry>();

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => registry.LoadRunAsync(broken));

        Assert.Equal("The stored model's shared part does not fit its own bytes; train the model again.", refused.Message);
        Assert.Equal(AlgorithmNames.Popularity, (await registry.LoadRunAsync(sound)).Algorithm);
    }
}
