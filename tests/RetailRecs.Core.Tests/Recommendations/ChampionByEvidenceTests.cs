using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Tests.Evaluation;
using RetailRecs.Core.Tests.Import;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// The training job chooses the champion by evidence, on shops exported as a small grocer does (member number, date
/// and item name: no invoice, product code or price), imported through the real import into SQLite.
/// </summary>
public class ChampionByEvidenceTests
{
    private static readonly string[] Models = [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn];

    private static async Task<ImportFixture> ShopAsync(SyntheticShops shop)
    {
        var f = await ImportFixture.CreateAsync();
        var result = await f.ImportAsync(f.WriteFile("groceries.csv", shop.ToGrocerCsv()));
        Assert.Equal(0, result.Report.RowsRejected);
        return f;
    }

    private static async Task<IReadOnlyList<ModelRun>> TrainAsync(ImportFixture f, IReadOnlyList<string> algorithms)
    {
        var runs = await f.Database.Get<ModelTrainingService>().TrainAsync(new TrainingRequest(algorithms, TrainingWindow.All, new TrainingParameters(), "test"));
        Assert.All(runs, r => Assert.True(r.Status == ModelRunStatus.Succeeded, $"{r.Algorithm}: {r.Error}"));
        return runs;
    }

    private static async Task<ModelRun?> ChampionAsync(ImportFixture f)
    {
        await using var db = f.Database.CreateContext();
        return await db.ModelRuns.AsNoTracking().SingleOrDefaultAsync(r => r.IsChampion);
    }

    [Fact]
    public async Task TrainAsync_FirstTrainingWherePopularityWins_ServesBestSellers()
    {
        await using var f = await ShopAsync(SyntheticShops.BestSellersShop());

        var runs = await TrainAsync(f, [AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn]);

        // Best sellers are trained with the first job even when not asked for: a new install needs something to serve.
        Assert.Equal([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn], runs.Select(r => r.Algorithm));
        var champion = await ChampionAsync(f);
        Assert.Equal(AlgorithmNames.Popularity, champion?.Algorithm);
        var decision = ChampionEvidence.DecisionOf(champion!.Metrics)!;
        Assert.Equal(AlgorithmNames.Popularity, decision.Promote);
        Assert.All(runs, r => Assert.Equal(decision.Reason, ChampionEvidence.DecisionOf(r.Metrics)!.Reason));
        Assert.StartsWith("Best sellers serve because no model beat them beyond chance", ChampionEvidence.Describe(champion).Sentence);
    }

    [Fact]
    public async Task TrainAsync_FirstTrainingWhereAModelWins_ServesTheEvidencedWinner()
    {
        await using var f = await ShopAsync(SyntheticShops.TasteShop());

        await TrainAsync(f, Models);

        var champion = (await ChampionAsync(f))!;
        var decision = ChampionEvidence.DecisionOf(champion.Metrics)!;
        Assert.Equal(decision.Promote, champion.Algorithm);
        Assert.NotEqual(AlgorithmNames.Popularity, champion.Algorithm);
        Assert.True(decision.For(champion.Algorithm)!.Qualifies);
        var (sentence, warning) = ChampionEvidence.Describe(champion);
        Assert.Matches(@"^Serves because it beats best sellers by [\d.,]+(%|×) on what customers bought next and by [\d.,]+(%|×) on products new to the customer", sentence);
        // It beats best sellers; on this shop of fixed tastes it does not beat the customers' own recent purchases (the
        // stronger own-history baseline the check uses), and the page says that and nothing else.
        Assert.Equal("It does not beat the customer's own recent purchases (topped up with what customers like them buy) on what customers bought next",
            warning?[..warning.IndexOf(" (", warning.IndexOf("next", StringComparison.Ordinal), StringComparison.Ordinal)]);
        await using var db = f.Database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == ModelRegistry.PromotedAction));
    }

    [Fact]
    public async Task TrainAsync_LaterTrainingWithABetterModel_ReplacesTheChampion()
    {
        await using var f = await ShopAsync(SyntheticShops.TasteShop());
        await TrainAsync(f, [AlgorithmNames.Popularity]);
        Assert.Equal(AlgorithmNames.Popularity, (await ChampionAsync(f))?.Algorithm);

        var runs = await TrainAsync(f, [AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn]);

        var champion = (await ChampionAsync(f))!;
        Assert.Contains(runs, r => r.Id == champion.Id);
        Assert.Equal(AlgorithmNames.Popularity, ChampionEvidence.DecisionOf(champion.Metrics)!.ChampionAlgorithm);
    }

    [Fact]
    public async Task TrainAsync_LaterTrainingWithoutEvidence_KeepsTheChampion()
    {
        await using var f = await ShopAsync(SyntheticShops.BestSellersShop());
        await TrainAsync(f, [AlgorithmNames.Popularity]);
        var before = (await ChampionAsync(f))!;

        var runs = await TrainAsync(f, [AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn]);

        Assert.Equal(before.Id, (await ChampionAsync(f))!.Id);
        Assert.Contains("the champion (popularity) keeps serving", ChampionEvidence.DecisionOf(runs[0].Metrics)!.Reason);
    }

    [Fact]
    public async Task TrainAsync_AdminPromotedAModelThatLosesToBestSellers_ModelsPageWarns()
    {
        await using var f = await ShopAsync(SyntheticShops.BestSellersShop());
        var runs = await TrainAsync(f, Models);
        var loser = runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn);

        // The override stays with admins (the page asks for a confirmation first).
        await f.Database.Get<ModelRegistry>().PromoteAsync(loser.Id, new StaffActor(null, "admin"));

        var (_, warning) = ChampionEvidence.Describe((await ChampionAsync(f))!);
        Assert.NotNull(warning);
        Assert.StartsWith("It does not beat best sellers on", warning);
    }

    /// <summary>
    /// An admin promotes a model while a training runs; the training's choice was made against the champion before,
    /// so it must not replace the admin's (it did, silently).
    /// </summary>
    [Fact]
    public async Task TrainAsync_AdminPromotesAnotherModelWhileItRuns_TheAdminsChoiceStays()
    {
        await using var f = await ShopAsync(SyntheticShops.BestSellersShop());
        var first = await TrainAsync(f, [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn]);
        Assert.Equal(AlgorithmNames.Popularity, (await ChampionAsync(f))?.Algorithm);
        var itemKnn = first.Single(r => r.Algorithm == AlgorithmNames.ItemKnn).Id;
        var registry = f.Database.Get<ModelRegistry>();
        var promoted = 0;
        var progress = new RetailRecs.Core.Common.InlineProgress<TrainingProgress>(_ =>
        {
            if (Interlocked.Exchange(ref promoted, 1) == 0)
            {
                Task.Run(() => registry.PromoteAsync(itemKnn, new StaffActor(null, "admin"))).GetAwaiter().GetResult();
            }
        });

        // Best sellers trained again would replace best sellers: the decision compared with the champion before.
        var again = await f.Database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test"), progress);

        Assert.Equal(AlgorithmNames.Popularity, ChampionEvidence.DecisionOf(Assert.Single(again).Metrics)!.Promote);
        Assert.Equal(itemKnn, (await ChampionAsync(f))?.Id);
        Assert.Equal(itemKnn, (await registry.GetChampionAsync())?.RunId);
    }

    /// <summary>
    /// A running experiment's variant serves the champion: a training's better run waits (its reason says why), an
    /// admin's promotion is refused in words, and once the experiment stops the run can be promoted.
    /// </summary>
    [Fact]
    public async Task TrainAsync_WhileAnExperimentTestsTheChampion_TheNewRunWaitsUntilItStops()
    {
        await using var f = await ShopAsync(SyntheticShops.TasteShop());
        var first = await TrainAsync(f, Models);
        var champion = (await ChampionAsync(f))!;
        var bestSellers = first.Single(r => r.Algorithm == AlgorithmNames.Popularity).Id;
        var manager = new StaffActor(null, "manager");
        var experiments = f.Database.Get<RetailRecs.Core.Experiments.ExperimentService>();
        var experiment = await experiments.CreateAsync(new RetailRecs.Core.Experiments.ExperimentDraft("Champion against best sellers", "The champion sells more.",
            ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1),
             new ExperimentVariant("B", bestSellers, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), manager);
        await experiments.StartAsync(experiment.Id, manager);

        var again = await TrainAsync(f, [champion.Algorithm]);

        var decision = ChampionEvidence.DecisionOf(Assert.Single(again).Metrics)!;
        Assert.Null(decision.Promote);
        Assert.Contains("Held back: the experiment \"Champion against best sellers\" is running and its variant A serves the champion", decision.Reason);
        Assert.Equal(champion.Id, (await ChampionAsync(f))?.Id);
        var registry = f.Database.Get<ModelRegistry>();
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => registry.PromoteAsync(again[0].Id, StaffActor.System));
        Assert.StartsWith($"Run {again[0].Id} was not made champion: the experiment", refused.Message);
        Assert.Equal(champion.Id, (await registry.GetChampionAsync())?.RunId);

        await experiments.StopAsync(experiment.Id, manager);
        await registry.PromoteAsync(again[0].Id, StaffActor.System);

        Assert.Equal(again[0].Id, (await ChampionAsync(f))?.Id);
    }
}
