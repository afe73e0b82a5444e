using RetailRecs.Core.Model;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Experiments.Statistics;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>The experiment statistics against textbook values (worked by hand or in the cited examples).</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class StatisticsTests
{
    [Theory]
    [InlineData(0.975, 1.959964)]
    [InlineData(0.8, 0.841621)]
    [InlineData(0.995, 2.575829)]
    [InlineData(0.001, -3.090232)]
    public void NormalQuantile_TabulatedProbabilities_MatchesTheTables(double p, double z) =>
        Assert.Equal(z, Distributions.NormalQuantile(p), 5);

    [Fact]
    public void ProportionTest_200Of1000Against250Of1000_GivesZ2Point68AndP0Point0074()
    {
        var c = ProportionTest.Compare(200, 1000, 250, 1000);

        Assert.Equal(2.6774, c.Statistic, 3);
        Assert.Equal(0.00742, c.PValue, 4);
        Assert.Equal(0.05, c.Difference, 10);
        Assert.Equal(0.25, c.Relative!.Value, 10);
        // The interval uses the unpooled standard error: 0.05 ± 1.96 × 0.018641.
        Assert.Equal(0.013464, c.Low, 5);
        Assert.Equal(0.086536, c.High, 5);
        Assert.True(c.Significant());
    }

    [Fact]
    public void ProportionTest_NoDifference_GivesZ0AndP1()
    {
        var c = ProportionTest.Compare(100, 1000, 100, 1000);

        Assert.Equal(0, c.Statistic, 10);
        Assert.Equal(1, c.PValue, 6);
        Assert.False(c.Significant());
    }

    [Fact]
    public void RateOf_200Of1000_GivesTheWilsonInterval()
    {
        var r = Rate.Of(200, 1000);

        Assert.Equal(0.2, r.Value);
        Assert.Equal(0.176377, r.Low, 5);
        Assert.Equal(0.225919, r.High, 5);
    }

    [Fact]
    public void RateOf_NoConversions_WilsonIntervalStaysInside0And1()
    {
        var r = Rate.Of(0, 20);

        Assert.Equal(0, r.Low);
        Assert.InRange(r.High, 0.1, 0.2); // 0.161 for 0 of 20
    }

    [Theory]
    [InlineData(2.228139, 10, 0.05)]
    [InlineData(2.042272, 30, 0.05)]
    [InlineData(63.65674, 1, 0.01)]
    [InlineData(0, 5, 1)]
    public void StudentTTwoSided_TabulatedValues_MatchesTheTables(double t, double df, double p) =>
        Assert.Equal(p, Distributions.StudentTTwoSided(t, df), 5);

    [Theory]
    [InlineData(3.841459, 1, 0.05)]
    [InlineData(5.991465, 2, 0.05)]
    [InlineData(10.827566, 1, 0.001)]
    [InlineData(16.0, 1, 6.334248e-5)]
    public void ChiSquareUpper_TabulatedValues_MatchesTheTables(double x, double df, double p) =>
        Assert.Equal(p, Distributions.ChiSquareUpper(x, df), 6);

    [Fact]
    public void WelchTest_TextbookExample_MatchesItsFigures()
    {
        // Welch's t-test, Wikipedia example 1: t = 2.46, ν ≈ 25.0, p = 0.021.
        double[] a1 = [27.5, 21.0, 19.0, 23.6, 17.0, 17.9, 16.9, 20.1, 21.9, 22.6, 23.1, 19.6, 19.0, 21.7, 21.4];
        double[] a2 = [27.1, 22.0, 20.8, 23.4, 23.4, 23.5, 25.8, 22.0, 24.8, 20.2, 21.9, 22.1, 22.9, 20.5, 24.4];
        var control = Sample.Of(a1);
        var treatment = Sample.Of(a2);

        var c = WelchTest.Compare(control, treatment);

        Assert.Equal(2.4554, c.Statistic, 3);
        Assert.Equal(24.98853, WelchTest.DegreesOfFreedom(control, treatment), 3);
        Assert.Equal(0.02138, c.PValue, 4);
        Assert.True(c.Low > 0 && c.High > c.Difference);
    }

    [Theory]
    [InlineData(0.10, 0.02, false, 3841)]
    [InlineData(0.10, 0.20, true, 3841)]
    [InlineData(0.20, 0.05, false, 1094)]
    public void SampleSizePerVariant_Alpha0Point05TwoSidedAndPower0Point8_GivesTheCustomersNeeded(double baseline, double effect, bool relative, long expected) =>
        Assert.Equal(expected, SampleSize.PerVariant(baseline, effect, relative));

    [Fact]
    public void SampleSizePerVariant_RateOutside0And1_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => SampleSize.PerVariant(0.95, 0.1));

    [Fact]
    public void SampleRatioCheck_5200Against4800OnAnEvenSplit_IsAMismatch_5050Against4950IsNot()
    {
        var skewed = SampleRatioCheck.Test([5200, 4800], [1, 1]);
        var fine = SampleRatioCheck.Test([5050, 4950], [1, 1]);

        Assert.Equal(16, skewed.ChiSquare, 6);
        Assert.True(skewed.Mismatch);
        Assert.False(fine.Mismatch);
    }

    [Fact]
    public void SampleRatioCheck_UnequalWeights_AreRespected()
    {
        Assert.False(SampleRatioCheck.Test([9000, 1000], [90, 10]).Mismatch);
        Assert.True(SampleRatioCheck.Test([5000, 5000], [90, 10]).Mismatch);
    }

    [Fact]
    public void Verdict_SignificantAfterThePlannedDays_NamesTheBetterVariant()
    {
        var v = Verdict.For(ProportionTest.Compare(200, 1000, 250, 1000), "A", "B", 1000, 1000, 0, daysRun: 15, plannedDays: 14, srm: false);

        Assert.Equal("B is better than A with 95% confidence.", v.Text);
        Assert.True(v.Decided);
        Assert.Null(v.EarlyStopWarning);
    }

    [Fact]
    public void Verdict_NotEnoughCustomersYet_SaysHowManyMoreAreNeeded_AndWarnsAgainstStoppingEarly()
    {
        var v = Verdict.For(ProportionTest.Compare(100, 1000, 110, 1000), "A", "B", 1000, 3841, ExperimentReach.More(3841, [1000, 1000], [50, 50]), daysRun: 3, plannedDays: 14, srm: false);

        Assert.Equal("Not enough data yet: about 5,682 more customers needed.", v.Text);
        Assert.False(v.Decided);
        Assert.Contains("3 of 14 planned days", v.EarlyStopWarning);
    }

    /// <summary>Traffic split 90/10: the 10% arm decides how many more customers are needed, not the count of arms.</summary>
    [Fact]
    public void More_UnequalWeights_TheSmallArmsShortfallOverItsShare()
    {
        // B, with 10% of the traffic, is 2,841 short of 3,841: 28,410 more customers (the sum of arms' shortfalls said 5,682).
        Assert.Equal(28_410, ExperimentReach.More(3841, [9000, 1000], [90, 10]));
        Assert.Equal(5_682, ExperimentReach.More(3841, [1000, 1000], [50, 50]));
        Assert.Equal(0, ExperimentReach.More(3841, [4000, 3900], [50, 50]));
    }

    [Fact]
    public void Verdict_SignificantBeforeThePlannedDuration_WarnsAgainstStoppingEarly()
    {
        var v = Verdict.For(ProportionTest.Compare(200, 1000, 250, 1000), "A", "B", 1000, null, 0, daysRun: 2, plannedDays: 14, srm: false);

        Assert.False(v.Decided);
        Assert.NotNull(v.EarlyStopWarning);
        // Not a winner yet (the page showed "B is better than A" in green after two days of fourteen).
        Assert.Null(v.Winner);
        Assert.StartsWith("Too early to call: B is ahead of A so far", v.Text);
    }

    [Fact]
    public void Verdict_SampleRatioMismatch_DistrustsEverything()
    {
        var v = Verdict.For(ProportionTest.Compare(200, 1000, 250, 1000), "A", "B", 1000, null, 0, daysRun: 20, plannedDays: 14, srm: true);

        Assert.StartsWith("Do not trust these results", v.Text);
        Assert.Null(v.Winner);
    }

    /// <summary>Without a plan, the estimate sizes the pair of rates seen: 5% against 3% needs 1,506 per variant (5% against 7%, 2,213).</summary>
    [Fact]
    public void Analyse_TreatmentWorseThanControlWithoutAPlan_EstimatesFromTheRatesSeen()
    {
        Assert.Equal(1_506, SampleSize.PerVariant(0.03, 0.02));
        var outcomes = Enumerable.Range(0, 600).Select(i => new UnitOutcome("A", DateTime.UtcNow, 1, i < 30, false, 0))
            .Concat(Enumerable.Range(0, 600).Select(i => new UnitOutcome("B", DateTime.UtcNow, 1, i < 18, false, 0))).ToList();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 50),
            new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 50) };

        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AcceptanceRate, null, daysRun: 3, plannedDays: 14);

        Assert.Equal(2 * (1_506 - 600), report.Verdict.MoreUnitsNeeded);
        // Judged at a 1% risk, the same difference needs more customers to be found.
        var strict = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AcceptanceRate, null, daysRun: 3, plannedDays: 14, alpha: 0.01);
        Assert.Equal(2 * (SampleSize.PerVariant(0.03, 0.02, alpha: 0.01) - 600), strict.Verdict.MoreUnitsNeeded);
    }

    /// <summary>
    /// The manager planned with a 1% risk of a false winner: the results judge at 1%, so 20% against 24.5% over 1,000
    /// customers each (p about 0.016) is a winner at the usual 5% but not here.
    /// </summary>
    [Fact]
    public void Analyse_PlannedWithAOnePercentRisk_ADifferenceSignificantAtFivePercentIsNoWinner()
    {
        var outcomes = Enumerable.Range(0, 1000).Select(i => new UnitOutcome("A", DateTime.UtcNow, 1, i < 200, false, 0))
            .Concat(Enumerable.Range(0, 1000).Select(i => new UnitOutcome("B", DateTime.UtcNow, 1, i < 245, false, 0))).ToList();
        var variants = new[] { new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 50),
            new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 50) };

        var usual = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AcceptanceRate, 1000, daysRun: 15, plannedDays: 14);
        var strict = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.AcceptanceRate, 1000, daysRun: 15, plannedDays: 14, alpha: 0.01);

        Assert.InRange(strict.Variants[1].Metrics[ExperimentMetric.AcceptanceRate].VersusControl!.PValue, 0.01, 0.05);
        Assert.Equal("B", usual.Verdict.Winner);
        Assert.Null(strict.Verdict.Winner);
        Assert.Equal(0.99, strict.Confidence, 12);
    }

    [Fact]
    public void Verdict_ThreeTreatments_StatesTheCorrectedConfidenceToATenth()
    {
        var v = Verdict.For(ProportionTest.Compare(200, 1000, 260, 1000), "A", "B", 1000, 1000, 0, daysRun: 15, plannedDays: 14, srm: false,
            confidence: 1 - 0.05 / 3);

        Assert.Equal("B is better than A with 98.3% confidence.", v.Text);
    }
}
