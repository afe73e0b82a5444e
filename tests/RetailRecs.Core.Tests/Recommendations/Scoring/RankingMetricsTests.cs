using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Tests.Recommendations.Scoring;

/// <summary>Every metric on cases small enough to work out by hand.</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class RankingMetricsTests
{
    private static readonly double L2 = 1 / Math.Log2(2), L3 = 1 / Math.Log2(3), L4 = 1 / Math.Log2(4);

    [Fact]
    public void Score_HitsAtRanks1And3Of5WithATruthOf3_MatchesTheHandWorkedMetrics()
    {
        var s = RankingMetrics.Score([10, 20, 30, 40, 50], new HashSet<int> { 10, 30, 99 }, k: 5)!;

        Assert.Equal(2 / 5.0, s.Precision, 12);
        Assert.Equal(2 / 3.0, s.Recall, 12);
        Assert.Equal(2 * 0.4 * (2 / 3.0) / (0.4 + 2 / 3.0), s.F1, 12);
        // DCG = 1/log2(2) + 1/log2(4); ideal: three hits at ranks 1–3.
        Assert.Equal((L2 + L4) / (L2 + L3 + L4), s.Ndcg, 12);
        // AP = (1/1 + 2/3) / min(5, 3).
        Assert.Equal((1 + 2 / 3.0) / 3, s.AveragePrecision, 12);
        Assert.Equal(1, s.Hit);
        Assert.Equal(1, s.ReciprocalRank);
    }

    [Fact]
    public void Score_ListShorterThanK_DividesPrecisionByKAndIdealDcgUsesMinOfKAndTruth()
    {
        var s = RankingMetrics.Score([7, 8], new HashSet<int> { 8 }, k: 10)!;

        Assert.Equal(0.1, s.Precision, 12);
        Assert.Equal(1, s.Recall, 12);
        Assert.Equal(L3 / L2, s.Ndcg, 12);
        Assert.Equal(0.5, s.AveragePrecision, 12);
        Assert.Equal(0.5, s.ReciprocalRank, 12);
    }

    [Fact]
    public void Score_HitBeyondTheFirstK_DoesNotCount()
    {
        var s = RankingMetrics.Score([1, 2, 3], new HashSet<int> { 3 }, k: 2)!;

        Assert.Equal(0, s.Hit);
        Assert.Equal(0, s.Ndcg);
        Assert.Equal(0, s.ReciprocalRank);
        Assert.Equal(0, s.F1);
    }

    [Fact]
    public void Score_RepeatedItem_CountsOnceAndItsRepeatIsAMissAtItsRank()
    {
        var s = RankingMetrics.Score([5, 5, 6], new HashSet<int> { 5, 6 }, k: 3)!;

        Assert.Equal(2 / 3.0, s.Precision, 12);
        Assert.Equal((L2 + L4) / (L2 + L3), s.Ndcg, 12);
        Assert.Equal((1 + 2 / 3.0) / 2, s.AveragePrecision, 12);
    }

    [Fact]
    public void Score_SameItemsInAnotherOrder_BreaksTiesByTheListsOrder()
    {
        // Two lists with the same items (equal scores, say) in different orders score differently.
        var first = RankingMetrics.Score([1, 2], new HashSet<int> { 1 }, k: 2)!;
        var second = RankingMetrics.Score([2, 1], new HashSet<int> { 1 }, k: 2)!;

        Assert.Equal(1, first.Ndcg, 12);
        Assert.Equal(L3, second.Ndcg, 12);
    }

    [Fact]
    public void Score_EmptyTruthOrPerfectList_CannotBeScoredOrScoresOne()
    {
        Assert.Null(RankingMetrics.Score([1, 2], new HashSet<int>(), k: 2));
        var perfect = RankingMetrics.Score([1, 2, 3], new HashSet<int> { 1, 2, 3 }, k: 3)!;
        Assert.Equal((1.0, 1.0, 1.0, 1.0, 1.0), (perfect.Precision, perfect.Recall, perfect.Ndcg, perfect.AveragePrecision, perfect.ReciprocalRank));
    }

    [Fact]
    public void BeyondAccuracy_CoverageNoveltyAndDiversity_MatchTheHandWorkedValues()
    {
        Assert.Equal(3 / 10.0, BeyondAccuracy.Coverage([[1, 2], [2, 3]], 10), 12);
        // Bought by 3 of 7 customers: −log2((3 + 1) / (7 + 1)) = 1 bit; by none: −log2(1/8) = 3 bits.
        Assert.Equal(2, BeyondAccuracy.Novelty([0, 1], [3, 0], 7), 12);
        string?[] categories = ["a", "a", "b", null];
        // Pairs: (0,1) same, (0,2) differ, (1,2) differ, and every pair with the uncategorised item differs: 5 of 6.
        Assert.Equal(5 / 6.0, BeyondAccuracy.IntraListDiversity([0, 1, 2, 3], i => categories[i]), 12);
        Assert.Equal(0, BeyondAccuracy.IntraListDiversity([0], i => categories[i]));
    }

    [Fact]
    public void BootstrapMean_MoreCustomers_HoldsTheMeanAndNarrowsTheInterval()
    {
        var random = new Random(3);
        double[] Values(int n) => Enumerable.Range(0, n).Select(_ => random.NextDouble()).ToArray();
        var small = Values(50);
        var large = Values(2000);

        var a = new Bootstrap(small.Length).Mean(small);
        var b = new Bootstrap(large.Length).Mean(large);

        Assert.InRange(a.Mean, a.Low, a.High);
        Assert.InRange(b.Mean, b.Low, b.High);
        Assert.True(b.High - b.Low < (a.High - a.Low) / 3);
        // Uniform(0, 1) has standard deviation 0.289: the 95% interval of a mean of 2,000 is about ± 0.0127 (width 0.025).
        Assert.InRange(b.High - b.Low, 0.022, 0.029);
    }
}
