using RetailRecs.Core.Recommendations.Engine;
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
}
