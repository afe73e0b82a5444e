using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Tests.Evaluation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class EvaluationVerdictTests
{
    private static ModelResult Row(string model, EvaluationTrack track, double ndcg, double hit, string? doesNotBeat = null, bool baseline = false,
        double spread = 0.03, int customers = 445) =>
        new(model, track, baseline, customers, new Dictionary<string, MetricValue>
        {
            ["ndcg"] = new(ndcg, ndcg - 0.01, ndcg + 0.01),
            ["hitRate"] = new(hit, hit - spread, hit + spread),
        }, doesNotBeat, baseline ? null : new MetricValue(0.01, 0.002, 0.02), []);

    [Fact]
    public void Describe_AModelBeatsBestSellers_NamesItInPlainWords_WithItsHitRateInterval_NewTrackFirst()
    {
        var rows = new[]
        {
            Row(AlgorithmNames.Popularity, EvaluationTrack.Repeat, 0.10, 0.30, baseline: true),
            Row(OwnHistoryBaseline.Name, EvaluationTrack.Repeat, 0.20, 0.50, baseline: true),
            Row(AlgorithmNames.ItemKnn, EvaluationTrack.Repeat, 0.15, 0.40, doesNotBeat: OwnHistoryBaseline.Name),
            Row(AlgorithmNames.Popularity, EvaluationTrack.New, 0.05, 0.20, baseline: true),
            Row(AlgorithmNames.ItemKnn, EvaluationTrack.New, 0.09, 0.31),
            Row(AlgorithmNames.Hybrid, EvaluationTrack.New, 0.12, 0.20, doesNotBeat: AlgorithmNames.Popularity),
        };

        var verdict = EvaluationVerdict.Describe(rows, 10);

        Assert.Equal(2, verdict.Count);
        // The best model that beats the baseline is trusted, not the one with the higher score that does not.
        Assert.StartsWith("For products the customer never bought", verdict[0]);
        Assert.Contains("trust \u201cbought together\u201d", verdict[0]);
        Assert.Contains("it beats best sellers beyond chance", verdict[0]);
        Assert.Contains($"for {0.31:P0} of the 445 test customers (95% interval {0.28:P0}–{0.34:P0}), against {0.20:P0} for best sellers", verdict[0]);
        Assert.StartsWith("For what regulars buy again", verdict[1]);
        Assert.Contains("no model beats each customer's own most-bought products beyond chance", verdict[1]);
        Assert.Contains("so each customer's own most-bought products serve as well", verdict[1]);
        Assert.All(verdict, s => Assert.DoesNotContain("item-knn", s));
    }

    /// <summary>Two test customers who both favour a model: an interval of 100%–100% said "trust it".</summary>
    [Fact]
    public void Describe_TooFewTestCustomers_TrustsNoModel()
    {
        var rows = new[]
        {
            Row(AlgorithmNames.Popularity, EvaluationTrack.New, 0.0, 0.0, baseline: true, spread: 0, customers: 2),
            Row(AlgorithmNames.ItemKnn, EvaluationTrack.New, 1.0, 1.0, spread: 0, customers: 2),
        };

        var sentence = Assert.Single(EvaluationVerdict.Describe(rows, 10));

        Assert.DoesNotContain("trust \u201c", sentence);
        Assert.Contains("2 test customers are too few to trust any model over best sellers (at least 30 are needed", sentence);
    }

    [Fact]
    public void Describe_AHitRateIntervalReachingBelowZero_NeverWritesMinusZero()
    {
        var rows = new[]
        {
            Row(AlgorithmNames.Popularity, EvaluationTrack.New, 0.01, 0.01, baseline: true),
            // A bootstrap interval around a tiny rate: its low end is a hair below zero.
            Row(AlgorithmNames.ItemKnn, EvaluationTrack.New, 0.01, 0.001, doesNotBeat: AlgorithmNames.Popularity, spread: 0.006),
        };

        var sentence = Assert.Single(EvaluationVerdict.Describe(rows, 10));

        Assert.DoesNotContain("-0", sentence);
        Assert.Contains($"(95% interval {0.0:P0}–{0.01:P0})", sentence);
    }

    /// <summary>Halves round up, as every other figure in the app (12.5% read "12%" here, "13%" in the table beside).</summary>
    [Fact]
    public void Describe_AHitRateOnAHalfPercent_RoundsItUpAsTheRestOfTheApp()
    {
        var rows = new[]
        {
            Row(AlgorithmNames.Popularity, EvaluationTrack.New, 0.01, 0.025, baseline: true),
            Row(AlgorithmNames.ItemKnn, EvaluationTrack.New, 0.05, 0.125, spread: 0.0),
        };

        var sentence = Assert.Single(EvaluationVerdict.Describe(rows, 10));

        Assert.Contains($"for {0.13:P0} of the 445 test customers (95% interval {0.13:P0}–{0.13:P0}), against {0.03:P0} for best sellers", sentence);
    }
}
