using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Tests.Evaluation;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ChampionSelectionTests
{
    private static readonly string[] Models = [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn, AlgorithmNames.UserKnn, AlgorithmNames.Hybrid];

    private static ChampionDecision Select(SyntheticShops shop, string? champion = null, SelectionTrack track = SelectionTrack.Both) =>
        ChampionSelection.Run(shop.Build(), Models, champion, champion is null ? null : 1, track, new TrainingParameters());

    [Fact]
    public void Run_ShopWherePopularityWins_KeepsBestSellers()
    {
        var decision = Select(SyntheticShops.BestSellersShop());

        Assert.Equal(AlgorithmNames.Popularity, decision.Promote);
        Assert.DoesNotContain(decision.Contenders, c => c.Qualifies);
        Assert.Equal(2, decision.Contenders.First().Tracks.Count);
        Assert.Contains("best sellers serve", decision.Reason);
    }

    [Fact]
    public void Run_ShopWhereAModelWins_PromotesIt()
    {
        var decision = Select(SyntheticShops.TasteShop());

        var winner = Assert.Single(decision.Contenders, c => c.Algorithm == decision.Promote);
        Assert.NotEqual(AlgorithmNames.Popularity, winner.Algorithm);
        Assert.True(winner.Qualifies);
        Assert.All(winner.Tracks, t => Assert.True(t.VersusBestSellers.Low > 0, $"{t.Track}: {t.VersusBestSellers}"));
        // The best of those with evidence.
        Assert.Equal(decision.Contenders.Where(c => c.Qualifies).Max(c => c.Score(SelectionTrack.Both)), winner.Score(SelectionTrack.Both));
    }

    [Fact]
    public void Run_RepeatTrack_ChecksAgainstOwnRecentPurchasesToppedUpByNeighbours()
    {
        var data = SyntheticShops.TasteShop().Build();
        var split = HoldoutSplit.Create(data, new EvaluationOptions { HoldoutDays = ChampionSelection.HoldoutDays });
        var bestSellers = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity], new TrainingParameters()).Single().Bundle!;
        var personal = new Evaluator.Contender(PersonalFrequencyModel.Name, true, bestSellers, new PersonalFrequencyModel(UserKnnModel.Train(split.Train)));
        var customers = split.CustomersFor(EvaluationTrack.Repeat);
        var expected = customers.Average(c => RankingMetrics.Score(
            Evaluator.ListFor(personal, c, EvaluationTrack.Repeat, ChampionSelection.K).Select(x => x.Item).ToList(), c.Truth, ChampionSelection.K)!.Ndcg);

        var decision = ChampionSelection.Run(data, Models, null, null, SelectionTrack.Both, new TrainingParameters());

        // The "beats what they always buy" check uses the stronger own-history baseline (issue #17), not most-bought by counts.
        var repeat = decision.Contenders.First().Tracks.Single(t => t.Track == EvaluationTrack.Repeat);
        Assert.Equal(PersonalFrequencyModel.Name, repeat.OwnBaseline);
        Assert.Equal(expected, repeat.Ndcg - repeat.VersusOwnHistory!.Mean, 9);
    }

    [Fact]
    public void Run_ChampionNotBeatenBeyondChance_KeepsTheChampion()
    {
        // The taste shop's winner is the champion already; best sellers retrained are not better than it.
        var first = Select(SyntheticShops.TasteShop());
        var decision = ChampionSelection.Run(SyntheticShops.TasteShop().Build(), [AlgorithmNames.Popularity], first.Promote, 5,
            SelectionTrack.Both, new TrainingParameters());

        Assert.Null(decision.Promote);
        Assert.Contains($"the champion ({first.Promote}) keeps serving", decision.Reason);
    }

    [Fact]
    public void Run_BestSellersChampionAndABetterModel_ReplacesBestSellers()
    {
        var decision = Select(SyntheticShops.TasteShop(), champion: AlgorithmNames.Popularity);

        Assert.NotNull(decision.Promote);
        Assert.NotEqual(AlgorithmNames.Popularity, decision.Promote);
    }

    [Fact]
    public void Run_TooLittleDataToCompare_NewInstallServesBestSellers()
    {
        var tiny = new Recommendations.HandMadeData().Item("A", "APPLE MUG").Item("B", "BLUE MUG")
            .Basket(0, 3, "A", "B").Basket(1, 2, "A").Build();

        var decision = ChampionSelection.Run(tiny, [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], null, null, SelectionTrack.Both, new TrainingParameters());

        Assert.Equal(AlgorithmNames.Popularity, decision.Promote);
        Assert.Empty(decision.Contenders);
    }

    /// <summary>
    /// Two customers who bought what goes with their earlier purchase: every bootstrap resample is those two, so the
    /// interval collapsed to one value and a model was promoted to every till on two people's evidence.
    /// </summary>
    [Fact]
    public void Run_FewerTestCustomersThanTheMinimum_NoModelServesOnTheirEvidence()
    {
        var shop = new Recommendations.HandMadeData().Item("A", "APPLE MUG").Item("B", "BLUE MUG");
        var popular = Enumerable.Range(1, 12).Select(i => $"P{i}").ToArray();
        foreach (var sku in popular)
        {
            shop.Item(sku, $"POPULAR THING {sku}");
        }
        for (var c = 2; c < 22; c++)
        {
            shop.Basket(c, 100, popular);
        }
        for (var c = 22; c < 25; c++)
        {
            shop.Basket(c, 90, "A", "B");
        }
        foreach (var c in new[] { 0, 1 })
        {
            shop.Basket(c, 60, "A").Basket(c, 5, "B");
        }

        var decision = ChampionSelection.Run(shop.Build(), Models, null, null, SelectionTrack.Both, new TrainingParameters());

        Assert.Equal(AlgorithmNames.Popularity, decision.Promote);
        Assert.DoesNotContain(decision.Contenders, c => c.Qualifies);
        Assert.Contains(decision.Contenders, c => c.Tracks.Any(t => t.Customers == 2 && t.VersusBestSellers.Low > 0)); // it did look better
        Assert.Contains("Too few customers to tell the models apart: 2 test customers on the last 30 days (", decision.Reason);
        Assert.Contains("best sellers serve", decision.Reason);
    }

    [Fact]
    public void Sample_MoreTestCustomersThanTheCap_SameDrawEveryTimeInTheirOrder()
    {
        var split = HoldoutSplit.Create(SyntheticShops.TasteShop().Build(), new EvaluationOptions { HoldoutDays = ChampionSelection.HoldoutDays });
        var customers = split.CustomersFor(EvaluationTrack.Repeat);
        var max = customers.Count / 2;

        var sample = ChampionSelection.Sample(customers, max, seed: 1);

        Assert.Equal(max, sample.Count);
        Assert.Equal(sample, ChampionSelection.Sample(customers, max, seed: 1));
        Assert.Equal(sample.Select(c => c.Customer).Order(), sample.Select(c => c.Customer));
        Assert.Subset(customers.ToHashSet(), sample.ToHashSet());
        // A shop with no more test customers than the cap (Online Retail's 1,372 and 1,264) is scored whole.
        Assert.Same(customers, ChampionSelection.Sample(customers, customers.Count, seed: 1));
    }

    [Fact]
    public void Train_SelectionServedAndCutOffsOfOneJob_ShareOneTextModel()
    {
        var data = SyntheticShops.TasteShop().Build();
        var parameters = new TrainingParameters();
        var share = new HybridTrainingShare(data, parameters);
        var split = HoldoutSplit.Create(data, new EvaluationOptions { HoldoutDays = ChampionSelection.HoldoutDays });

        var selection = BundleTrainer.Train(split.Train, [AlgorithmNames.Content], parameters, share: share).Single().Bundle!;
        var served = BundleTrainer.Train(data, [AlgorithmNames.Content], parameters, share: share).Single().Bundle!;
        var cutOff = share.At(split.SplitDay - ChampionSelection.HoldoutDays, default);

        // The text model reads the catalog and no sale: trained once for the job, not once per part of it.
        Assert.Same(served.Content, selection.Content);
        Assert.Same(served.Content, cutOff.Components.Content);
        // With other parameters a training gets its own.
        var other = BundleTrainer.Train(data, [AlgorithmNames.Content], parameters with { ItemNeighbours = 5 }, share: share).Single().Bundle!;
        Assert.NotSame(served.Content, other.Content);
    }
}
