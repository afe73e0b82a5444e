using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>The committed demo slice in a real SQLite file, with every algorithm trained on it once, through the training job.</summary>
public sealed class TrainedDemoDatabase : IAsyncLifetime
{
    public TestDatabase Database { get; private set; } = null!;
    public IReadOnlyList<ModelRun> Runs { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await Database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var algorithms = AlgorithmNames.Trainable;
        Runs = await Database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest(algorithms, TrainingWindow.All, new TrainingParameters(), "test"));
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();
}
