using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>
/// A store experiment assigns whole stores: its evidence is the stores, not their customers. Six stores whose customers
/// buy at different rates whatever they are shown, three in each arm: counted customer by customer, the arm that drew the
/// busier stores "wins" with near certainty; counted by store, it is a difference three stores a side cannot tell from luck.
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class StoreExperimentAnalysisTests
{
    private static readonly ExperimentVariant[] Variants =
        [new("A", null, SuggestionMode.Discovery, 10, 1), new("B", null, SuggestionMode.Discovery, 10, 1)];

    /// <summary>300 customers per store; the store's own rate of buying a shown product, the same in either arm.</summary>
    private static List<UnitOutcome> Outcomes(params (string Store, string Variant, double Rate)[] stores) =>
        stores.SelectMany(s => Enumerable.Range(0, 300).Select(i =>
        {
            var bought = i < s.Rate * 300;
            return new UnitOutcome(s.Variant, new DateTime(2026, 12, 1, 10, 0, 0, DateTimeKind.Utc), 1, bought, bought, bought ? 12.5 : 0)
            {
                Store = s.Store,
                BoughtAnything = bought,
                Spend = bought ? 12.5 : 0,
            };
        })).ToList();

    [Fact]
    public void Analyse_StoresThatDifferOnTheirOwn_NoWinnerStoresAreTheUnits()
    {
        var outcomes = Outcomes(("S1", "A", 0.10), ("S2", "A", 0.30), ("S3", "A", 0.20), ("S4", "B", 0.25), ("S5", "B", 0.35), ("S6", "B", 0.30));

        var byCustomer = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.PurchaseWithinDays, null, 30, 14);
        var byStore = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.PurchaseWithinDays, null, 30, 14, unit: ExperimentUnit.Store);

        Assert.Equal("B", byCustomer.Verdict.Winner); // 20% against 30% over 900 customers each: p < 0.0001
        Assert.Null(byStore.Verdict.Winner);
        Assert.StartsWith("No difference between A and B", byStore.Verdict.Text);
        Assert.Equal("stores", byStore.Units);
        Assert.Equal([(3L, 900L), (3L, 900L)], byStore.Variants.Select(v => (v.Units, v.Customers)));
        var b = byStore.Variants[1].Metrics[ExperimentMetric.PurchaseWithinDays];
        Assert.Equal(0.30, b.Value, 3); // the mean of its stores' rates
        Assert.Equal(75 + 105 + 90, b.Conversions); // the customers who bought, every one counted
        Assert.InRange(b.VersusControl!.PValue, 0.1, 0.5);
        Assert.False(byStore.SampleRatio.Mismatch);
    }

    [Fact]
    public void Analyse_StoresThatDifferByTheVariant_NamesTheWinner()
    {
        var outcomes = Outcomes(("S1", "A", 0.20), ("S2", "A", 0.21), ("S3", "A", 0.19), ("S4", "A", 0.20),
            ("S5", "B", 0.30), ("S6", "B", 0.31), ("S7", "B", 0.29), ("S8", "B", 0.30));

        var report = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.PurchaseWithinDays, null, 30, 14, unit: ExperimentUnit.Store);

        Assert.Equal("B", report.Verdict.Winner);
        Assert.Equal("B is better than A with 95% confidence.", report.Verdict.Text);
    }

    [Fact]
    public void Analyse_TwoStoresInAnArm_SaysTooFewStoresAndNamesNoWinner()
    {
        var outcomes = Outcomes(("S1", "A", 0.10), ("S2", "A", 0.11), ("S3", "A", 0.10), ("S4", "B", 0.40), ("S5", "B", 0.41));

        var report = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.SpendPerExposed, null, 30, 14, unit: ExperimentUnit.Store);

        Assert.Null(report.Verdict.Winner);
        Assert.False(report.Verdict.Decided);
        Assert.Equal("Too few stores to tell: B has 2 so far. A store experiment compares stores, not customers (a store's customers are alike), " +
                     "and needs at least 3 stores in every variant; more stores, not more days, make it able to decide.", report.Verdict.Text);
    }

    /// <summary>
    /// B's model cannot be read: its stores get the champion and no exposure. B then has no stores in the results — not
    /// "too few stores", but a broken arm, said as such.
    /// </summary>
    [Fact]
    public void Analyse_AVariantsStoresShowNothing_SaysNotToTrustTheResults()
    {
        var outcomes = Outcomes(("S1", "A", 0.10), ("S2", "A", 0.11), ("S3", "A", 0.10));

        var report = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.AcceptanceRate, null, 30, 14, unit: ExperimentUnit.Store,
            storesAssigned: new Dictionary<string, int> { ["A"] = 3, ["B"] = 4 });

        Assert.Equal("Do not trust these results: none of B's 4 store(s) has shown its suggestions, while 3 of A's have. Check that B's model can still " +
                     "be read (Models page); until then its stores get the champion.", report.Verdict.Text);
        Assert.Null(report.Verdict.Winner);
    }

    /// <summary>The chart shows what the table shows: the mean of the stores' rates, not the rate of all their customers pooled.</summary>
    [Fact]
    public void Analyse_StoreExperiment_TheSeriesEndsAtTheTablesFigure()
    {
        var outcomes = Outcomes(("S1", "A", 0.10), ("S2", "A", 0.50), ("S3", "A", 0.30), ("S4", "B", 0.20), ("S5", "B", 0.20), ("S6", "B", 0.20))
            .Where((o, i) => o.Store != "S1" || i % 10 == 0).ToList(); // S1 has 30 customers, the others 300

        var report = ExperimentAnalysis.Analyse(outcomes, Variants, ExperimentMetric.PurchaseWithinDays, null, 30, 14, unit: ExperimentUnit.Store);

        var a = report.Variants[0].Metrics[ExperimentMetric.PurchaseWithinDays].Value;
        Assert.Equal(0.30, a, 3);
        Assert.Equal(a, report.Series.Where(p => p.Variant == "A").MaxBy(p => p.Day)!.Value, 6);
        Assert.Equal(3, report.Series.Where(p => p.Variant == "A").MaxBy(p => p.Day)!.Units);
    }
}
