using RetailRecs.Core.Import;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>The committed demo slice's sales as training reads them: seeded into a real SQLite file, loaded, the file dropped.</summary>
internal static class DemoSales
{
    public static async Task<TrainingData> LoadAsync()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        return await database.Get<TrainingDataLoader>().LoadAsync(TrainingWindow.All);
    }
}
