using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Tests.Recommendations;

namespace RetailRecs.Core.Tests.Recommendations.Scoring;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class HoldoutAndEvaluatorTests
{
    // Split 10 days ago: days 20 and 15 train, days 5 and 2 test.
    private static HandMadeData Shop() => new HandMadeData()
        .Item("A", "APPLE MUG", "Mugs").Item("B", "BLUE MUG", "Mugs").Item("C", "CANDLE", "Candles").Item("D", "DOORMAT", "Home")
        .Item("P", "POSTAGE", recommendable: false)
        // Customer 0: bought A before, then A again, C and postage after.
        .Basket(0, 20, "A").Basket(0, 5, "A", "C", "P")
        // Customer 1: bought B before, then D after, but returned D in full.
        .Basket(1, 15, "B").Basket(1, 2, "D", "B").Returned(1, "D", 1)
        // Customer 2: only after the split. Customer 3: only before (so every product had a sale before the split).
        .Basket(2, 3, "C").Basket(3, 18, "D", "C");

    private static EvaluationOptions Options => new() { SplitDate = DateOnly.FromDayNumber(HandMadeData.Today - 9), K = 2, Resamples = 200 };

    /// <summary>
    /// Bought before the split, bought again after it and that one sent back: netted against the training side, the
    /// return (a future event) removed the first purchase from what the models learn, while the truth still counted the
    /// second as something the customer went on to buy.
    /// </summary>
    [Fact]
    public void Create_BoughtBeforeAndAgainAfterTheSplitTheSecondSentBack_TrainingKeepsTheFirstTruthHasNeither()
    {
        var shop = new HandMadeData().Item("A", "APPLE MUG").Item("C", "CANDLE")
            .Basket(0, 20, "A").Basket(0, 5, "A", "C").Returned(0, "A", 1, daysAgo: 3).Basket(1, 25, "C");

        var split = HoldoutSplit.Create(shop.Build(), Options);

        Assert.Equal([shop.Index("A")], split.Train.Histories[0].Select(h => h.Item));
        Assert.Equal([shop.Index("C")], Assert.Single(split.CustomersFor(EvaluationTrack.Repeat)).Truth);
    }

    /// <summary>
    /// Bought before the split, sent back during the held-out days, bought again after that and kept: the return was of
    /// the first one, yet it took the second out of the truth.
    /// </summary>
    [Fact]
    public void Create_ReturnOfAPurchaseFromBeforeTheSplitThenBoughtAgain_TheSecondIsInTheTruth()
    {
        var shop = new HandMadeData().Item("A", "APPLE MUG").Item("C", "CANDLE")
            .Basket(0, 20, "A").Returned(0, "A", 1, daysAgo: 8).Basket(0, 5, "A", "C").Basket(1, 25, "C");

        var split = HoldoutSplit.Create(shop.Build(), Options);

        Assert.Equal(new[] { shop.Index("A"), shop.Index("C") }.Order(), Assert.Single(split.CustomersFor(EvaluationTrack.Repeat)).Truth.Order());
    }

    [Fact]
    public void Create_SplitTenDaysAgo_TruthIsWhatEachTestCustomerKeptAfterIt_NewTrackDropsWhatTheyHad()
    {
        var shop = Shop();
        var split = HoldoutSplit.Create(shop.Build(), Options);

        var repeat = split.CustomersFor(EvaluationTrack.Repeat);
        var fresh = split.CustomersFor(EvaluationTrack.New);

        // Customer 2 (no history) and 3 (nothing after) are not test customers; postage is not merchandise; D went back.
        Assert.Equal([0, 1], repeat.Select(t => t.Customer));
        Assert.Equal(new[] { shop.Index("A"), shop.Index("C") }.Order(), repeat[0].Truth.Order());
        Assert.Equal([shop.Index("B")], repeat[1].Truth);
        Assert.Equal([0], fresh.Select(t => t.Customer));
        Assert.Equal([shop.Index("C")], fresh[0].Truth);
        Assert.DoesNotContain(split.Train.Purchases, p => p.Day >= split.SplitDay);
    }

    /// <summary>
    /// A mug launched after the split: nobody could have suggested it on the split day, but a model reading the
    /// catalog's descriptions found it and was credited when the customer bought it. It is in no list and no truth.
    /// </summary>
    [Fact]
    public void Run_ProductFirstSoldAfterTheSplit_IsInNoListAndNoTruth()
    {
        var shop = Shop().Item("N", "NEW APPLE MUG", "Mugs").Basket(0, 4, "N").Basket(1, 3, "N");
        var split = HoldoutSplit.Create(shop.Build(), Options);
        var bundle = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity], new TrainingParameters()).Single().Bundle!;
        var launchSpotter = new Suggests(shop.Index("N"));

        var (result, lists) = Evaluator.Run(split, [new("popularity", true, bundle, bundle.Ranker), new("launch spotter", false, bundle, launchSpotter)],
            Options with { Tracks = [EvaluationTrack.Repeat, EvaluationTrack.New] });

        Assert.Equal([shop.Index("P"), shop.Index("N")], split.NotYetSold.Order()); // postage too was first charged after it
        Assert.All(split.CustomersFor(EvaluationTrack.Repeat).Concat(split.CustomersFor(EvaluationTrack.New)),
            t => Assert.DoesNotContain(shop.Index("N"), t.Truth));
        Assert.All(lists.SelectMany(l => l.PerCustomer), c => Assert.DoesNotContain(c.Items, i => i.Item == shop.Index("N")));
        Assert.Equal(2, lists.Single(l => l.Model == "launch spotter" && l.Track == EvaluationTrack.Repeat).PerCustomer[0].Items.Count); // topped up
        Assert.Equal(2, result.Rows.Count(r => r.Model == "launch spotter")); // scored on both tracks, on what could be suggested
    }

    [Fact]
    public void Create_SplitOutsideTheData_IsRefusedInWords()
    {
        var e = Assert.Throws<EvaluationException>(() =>
            HoldoutSplit.Create(Shop().Build(), Options with { SplitDate = DateOnly.FromDayNumber(HandMadeData.Today + 5) }));

        Assert.Contains("leaves no sales on one side", e.Message);
    }

    [Fact]
    public void Run_ModelSuggestingTheTruth_ScoresOneAndBeatsTheBaseline_OneThatCannotIsFlagged()
    {
        var shop = Shop();
        var split = HoldoutSplit.Create(shop.Build(), Options);
        var bundle = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity], new TrainingParameters()).Single().Bundle!;
        var oracle = new Oracle(split);
        var contenders = new List<Evaluator.Contender>
        {
            new("popularity", true, bundle, bundle.Ranker),
            new("oracle", false, bundle, oracle),
            new("copycat", false, bundle, bundle.Ranker),
        };

        var (result, lists) = Evaluator.Run(split, contenders, Options with { Tracks = [EvaluationTrack.New] });

        var byModel = result.Rows.ToDictionary(r => r.Model);
        Assert.Equal(1, byModel["oracle"].Metrics["ndcg"].Mean, 12);
        Assert.Null(byModel["oracle"].DoesNotBeat);
        Assert.Equal("popularity", byModel["copycat"].DoesNotBeat);
        Assert.Equal(0, byModel["copycat"].VersusBaseline!.Mean, 12);
        // The new track never suggests what the customer had: A for customer 0.
        Assert.All(lists.Single(l => l.Model == "popularity").PerCustomer, c => Assert.DoesNotContain(c.Items, i => i.Item == shop.Index("A")));
    }

    /// <summary>
    /// Novelty is the self-information of an item among the customers who bought before the split: customer 2, whose
    /// first purchase is after it, is not one of them (counted, every item read rarer than it was).
    /// </summary>
    [Fact]
    public void Run_Novelty_CountsOnlyCustomersWhoBoughtBeforeTheSplit()
    {
        var split = HoldoutSplit.Create(Shop().Build(), Options);
        var bundle = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity], new TrainingParameters()).Single().Bundle!;

        var (result, _) = Evaluator.Run(split, [new("popularity", true, bundle, bundle.Ranker)], Options with { Tracks = [EvaluationTrack.New] });

        // Customer 0's list is B and D, each bought by one of the three customers before the split: −log2((1 + 1) / (3 + 1)).
        Assert.Equal(1.0, result.Rows.Single().Metrics["novelty"].Mean, 12);
    }

    /// <summary>A shop whose customers only bought again what they had: the new-products track has nobody to test.</summary>
    [Fact]
    public void Run_NobodyBoughtAnythingNewAfterTheSplit_ScoresTheRepeatTrackAndLeavesTheNewOneOut()
    {
        var shop = new HandMadeData().Item("M", "MILK", "Dairy").Item("B", "BREAD", "Bakery")
            .Basket(0, 20, "M", "B").Basket(0, 5, "M", "B").Basket(1, 18, "M").Basket(1, 3, "M");
        var split = HoldoutSplit.Create(shop.Build(), Options);
        Assert.Empty(split.CustomersFor(EvaluationTrack.New));
        var bundle = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity], new TrainingParameters()).Single().Bundle!;

        var (result, _) = Evaluator.Run(split, [new("popularity", true, bundle, bundle.Ranker)],
            Options with { Tracks = [EvaluationTrack.Repeat, EvaluationTrack.New] });

        Assert.Equal([EvaluationTrack.Repeat], result.Rows.Select(r => r.Track).Distinct());
        Assert.Equal(1, result.Rows.Single().Metrics["hitRate"].Mean, 12);
    }

    [Fact]
    public void WarningFor_PromotingAModelThatLosesToABaseline_NamesBothFigures()
    {
        static MetricValue V(double x) => new(x, x, x);
        static ModelResult Row(string model, bool baseline, double ndcg, string? losesTo) => new(model, EvaluationTrack.New, baseline, 100,
            new Dictionary<string, MetricValue> { ["ndcg"] = V(ndcg) }, losesTo, null, []);
        var latest = new[] { Row("popularity", true, 0.05, null), Row("content", false, 0.04, "popularity"), Row("hybrid", false, 0.09, null) };

        var warning = PromotionCheck.WarningFor("content", latest, 10);

        Assert.NotNull(warning);
        Assert.Contains("NDCG@10 is 0.040 against popularity's 0.050", warning);
        Assert.Null(PromotionCheck.WarningFor("hybrid", latest, 10));
        Assert.Null(PromotionCheck.WarningFor("user-knn", latest, 10));
    }

    /// <summary>A "model" that suggests one product to everyone.</summary>
    private sealed class Suggests(int item) : IRecommender
    {
        public string Algorithm => "one product";

        public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) => [new Candidate(item, 1, new Evidence(EvidenceKind.LearnedTaste))];
    }

    /// <summary>A "model" that knows the future: it suggests the test customer's truth.</summary>
    private sealed class Oracle(HoldoutSplit split) : IRecommender
    {
        public string Algorithm => "oracle";

        public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max) =>
            split.CustomersFor(EvaluationTrack.New).Single(t => t.Customer == query.CustomerIndex).Truth
                .Select(i => new Candidate(i, 1, new Evidence(EvidenceKind.LearnedTaste))).ToList();
    }
}
