using System.Globalization;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Experiments.Statistics;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>Hash assignment: uniform over many ids, sticky, independent between experiments; SRM catches a broken split.</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class AssignmentTests
{
    private const int Ids = 100_000;

    private static string Unit(int i) => i.ToString(CultureInfo.InvariantCulture);

    private static long[] Counts(int experimentId, double[] weights)
    {
        var counts = new long[weights.Length];
        for (var i = 1; i <= Ids; i++)
        {
            counts[ExperimentAssignment.VariantIndex(Unit(i), experimentId, weights)]++;
        }
        return counts;
    }

    [Theory]
    [InlineData(1, new[] { 1.0, 1.0 })]
    [InlineData(7, new[] { 1.0, 1.0, 1.0 })]
    [InlineData(42, new[] { 50.0, 25.0, 25.0 })]
    [InlineData(3, new[] { 90.0, 10.0 })]
    public void VariantIndex_ConsecutiveIds_SplitAsTheWeightsSay(int experimentId, double[] weights)
    {
        var counts = Counts(experimentId, weights);

        var check = SampleRatioCheck.Test(counts, weights);

        Assert.False(check.Mismatch, $"χ² = {check.ChiSquare:F1}, counts {string.Join("/", counts)}");
        for (var i = 0; i < weights.Length; i++)
        {
            Assert.InRange(counts[i] / (double)Ids, weights[i] / weights.Sum() - 0.01, weights[i] / weights.Sum() + 0.01);
        }
    }

    [Fact]
    public void Bucket_ManyIds_IsUniformOverTenDeciles()
    {
        var deciles = new long[10];
        for (var i = 1; i <= Ids; i++)
        {
            deciles[(int)(ExperimentAssignment.Bucket(Unit(i), 5) * 10)]++;
        }

        var check = SampleRatioCheck.Test(deciles, Enumerable.Repeat(1.0, 10).ToList());

        Assert.False(check.Mismatch, $"χ² = {check.ChiSquare:F1}");
    }

    [Fact]
    public void Assign_SameUnitAgain_GetsTheSameVariant()
    {
        var variants = new[] { Variant("A"), Variant("B") };
        for (var i = 1; i <= 1000; i++)
        {
            var first = ExperimentAssignment.Assign(Unit(i), 9, variants);
            Assert.All(Enumerable.Range(0, 5), _ => Assert.Equal(first, ExperimentAssignment.Assign(Unit(i), 9, variants)));
        }
    }

    [Fact]
    public void VariantIndex_TwoExperiments_AssignIndependently()
    {
        // Cross-tabulate the arms of experiments 1 and 2: independent hashes fill the four cells equally.
        var cells = new long[4];
        double[] weights = [1, 1];
        for (var i = 1; i <= Ids; i++)
        {
            cells[ExperimentAssignment.VariantIndex(Unit(i), 1, weights) * 2 + ExperimentAssignment.VariantIndex(Unit(i), 2, weights)]++;
        }

        var check = SampleRatioCheck.Test(cells, [1, 1, 1, 1]);

        Assert.False(check.Mismatch, $"cells {string.Join("/", cells)}");
        var same = cells[0] + cells[3];
        Assert.InRange(same / (double)Ids, 0.49, 0.51);
    }

    [Fact]
    public void SampleRatioCheck_VariantLostATenthOfItsExposures_DetectsAMismatch()
    {
        // A bug that drops 10% of B's logging (say, a page that forgets to record) skews the ratio.
        var counts = Counts(11, [1, 1]);
        counts[1] = counts[1] * 9 / 10;

        Assert.True(SampleRatioCheck.Test(counts, [1, 1]).Mismatch);
    }

    [Fact]
    public void Analyse_AATestOnRandomOutcomes_FindsNoDifferenceAndNoMismatch()
    {
        var variants = new[] { Variant("A"), Variant("A'") };
        var outcomes = Enumerable.Range(1, 20_000).Select(i =>
        {
            // The outcome depends on the unit only (a second, unrelated hash), never on the arm.
            var converted = ExperimentAssignment.Bucket(Unit(i), 999) < 0.1;
            return new UnitOutcome(ExperimentAssignment.Assign(Unit(i), 12, variants).Name, DateTime.UtcNow, 1, converted, converted, converted ? 10 : 0);
        }).ToList();

        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.PurchaseWithinDays, null, 30, 14);

        Assert.False(report.SampleRatio.Mismatch);
        Assert.True(report.Variants[1].Metrics[ExperimentMetric.PurchaseWithinDays].VersusControl!.PValue > 0.05);
        Assert.Null(report.Verdict.Winner);
    }

    private static ExperimentVariant Variant(string name) => new(name, null, SuggestionMode.Discovery, 10, 1);
}
