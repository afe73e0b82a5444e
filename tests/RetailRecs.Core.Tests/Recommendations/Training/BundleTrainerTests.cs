using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Recommendations.Training;

public class BundleTrainerTests
{
    /// <summary>
    /// With the hybrid, the factorization machine learns beside it on another thread: the runs still come back in the
    /// order asked for, and the machine's lists are those it learns alone (same seed, same examples).
    /// </summary>
    [Fact]
    public async Task Train_FactorizationBesideTheHybrid_RunsInTheOrderAsked_SameModelAsAlone()
    {
        var data = await DemoSales.LoadAsync();
        string[] asked = [AlgorithmNames.Hybrid, AlgorithmNames.Popularity, AlgorithmNames.Factorization, AlgorithmNames.ItemKnn];

        var together = BundleTrainer.Train(data, asked, new TrainingParameters());
        var alone = BundleTrainer.Train(data, [AlgorithmNames.Factorization], new TrainingParameters()).Single();

        Assert.Equal(asked, together.Select(t => t.Algorithm));
        Assert.All(together, t => Assert.NotNull(t.Bundle));
        var beside = together.Single(t => t.Algorithm == AlgorithmNames.Factorization);
        Assert.True(beside.Duration > TimeSpan.Zero);
        var customers = Enumerable.Range(0, data.CustomerCount).Where(c => data.Histories[c].Length >= 3).Take(25).ToList();
        Assert.Equal(25, customers.Count);
        foreach (var c in customers)
        {
            var query = new RecommendationQuery(data.Histories[c], [], data.LastDay, c);
            var expected = alone.Bundle!.Ranker.Recommend(query, 10);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, beside.Bundle!.Ranker.Recommend(query, 10));
        }
    }
}
