using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>A job trains its models on shared parts (counts, neighbours, text): no model may change what another learns.</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class BundleTrainerTests
{
    private static readonly string[] All = [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn,
        AlgorithmNames.Factorization, AlgorithmNames.Hybrid];

    [Fact]
    public async Task Train_ModelsOfOneJob_EachTheSameAsTrainedAlone()
    {
        var data = await DemoSales.LoadAsync();

        var together = BundleTrainer.Train(data, All, new TrainingParameters());

        Assert.All(together, t => Assert.Null(t.Error));
        var customers = Enumerable.Range(0, data.CustomerCount).Where(c => data.Histories[c].Length > 0).Take(200).ToList();
        foreach (var algorithm in new[] { AlgorithmNames.Factorization, AlgorithmNames.Hybrid, AlgorithmNames.UserKnn })
        {
            var alone = BundleTrainer.Train(data, [algorithm], new TrainingParameters()).Single().Bundle!.Ranker;
            var inJob = together.Single(t => t.Algorithm == algorithm).Bundle!.Ranker;
            // The same lists with the same scores (not the same artifact bytes: ML.NET writes timestamps into the ranker's zip).
            foreach (var c in customers)
            {
                var query = new RecommendationQuery(data.Histories[c], [], data.LastDay, c);
                Assert.Equal(alone.Recommend(query, 10).Select(x => (x.Item, x.Score)), inJob.Recommend(query, 10).Select(x => (x.Item, x.Score)));
            }
        }
    }

    [Fact]
    public void Train_FactorizationMachineCannotLearn_OnlyItsRunFails_ResultsInTheOrderAsked()
    {
        var items = Enumerable.Range(0, 2).Select(i => new CatalogItem(100 + i, $"S{i}", $"Item {i}", null, null, null, 1f, true, 0)).ToList();
        // Both customers bought both products: there is no product a customer did not buy, so no negative to learn from.
        var data = new TrainingData(items, [7, 8], [
            new Purchase(0, 0, 0, 10, 1), new Purchase(0, 1, 0, 10, 1), new Purchase(1, 0, 1, 11, 1), new Purchase(1, 1, 1, 11, 1),
        ], 10, 11);

        var trained = BundleTrainer.Train(data, [AlgorithmNames.Factorization, AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], new TrainingParameters());

        Assert.Equal([AlgorithmNames.Factorization, AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], trained.Select(t => t.Algorithm));
        Assert.Null(trained[0].Bundle);
        Assert.Contains("no negatives to learn from", trained[0].Error);
        Assert.All(trained.Skip(1), t => Assert.Null(t.Error));
    }

    [Fact]
    public async Task Train_Cancelled_NothingIsReturned()
    {
        var data = await DemoSales.LoadAsync();
        using var cancel = new CancellationTokenSource();

        // Cancelled between two models: the job stops there rather than returning what it had.
        Assert.ThrowsAny<OperationCanceledException>(() => BundleTrainer.Train(data, All, new TrainingParameters(),
            new RetailRecs.Core.Common.InlineProgress<TrainingProgress>(p =>
            {
                if (p.Stage.Contains(AlgorithmNames.Describe(AlgorithmNames.ItemKnn)))
                {
                    cancel.Cancel();
                }
            }), cancel.Token));
    }
}
