using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Components.Pages.Experiments;

/// <summary>Metric names and value formats as managers read them.</summary>
public static class MetricText
{
    public static string Name(ExperimentMetric m) => m switch
    {
        ExperimentMetric.AcceptanceRate => "Acceptance rate",
        ExperimentMetric.PurchaseWithinDays => "Bought a suggested product",
        ExperimentMetric.AnyPurchaseWithinDays => "Bought anything",
        ExperimentMetric.SpendPerExposed => "Spend per exposed customer",
        _ => "Revenue per exposed customer",
    };

    public static bool IsRate(ExperimentMetric m) => !ExperimentMetrics.IsAmount(m);

    /// <summary>
    /// Said when the variants' lists differ in length or kind and the metric counts only shown products: the longer
    /// list "wins" by catching purchases that would have happened anyway.
    /// </summary>
    public static string? ShownProductsBias(IEnumerable<(int K, SuggestionMode Mode)> lists, ExperimentMetric primary) =>
        ExperimentMetrics.CountsShownProducts(primary) && lists.Distinct().Count() > 1
            ? $"The variants show lists of different lengths or kinds, and \"{Name(primary)}\" counts only purchases of shown products: "
              + $"a longer list catches more purchases that would have happened anyway. \"{Name(ExperimentMetric.SpendPerExposed)}\" counts "
              + $"everything the customers bought and compares them fairly (\"{Name(ExperimentMetric.AnyPurchaseWithinDays)}\" in a shop without "
              + "prices, though a customer looked up at the till buys something anyway, so it rarely tells variants apart)."
            : null;

    public static string Value(ExperimentMetric m, double v) =>
        IsRate(m) ? Shared.Figures.Percent(v) : v.ToString("C2", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>What a variant's lists may hold, in the words of the counter's "Include things they buy again" switch.</summary>
    public static string Mode(SuggestionMode mode) => mode == SuggestionMode.Replenishment ? "Also their usual buys" : "New to them only";

    /// <summary>
    /// The p-value in plain words: how often a difference this big would turn up by chance if the variant changed nothing
    /// ("1.2%"), so that "under 5%" reads as "probably real".
    /// </summary>
    public static string Chance(double p) => p < 0.0001 ? "under 0.01%" : Shared.Figures.Percent(p, p < 0.01 ? 2 : 1);

    /// <summary>The sentence under the results table that explains its columns, at the level the results judge by.</summary>
    public static string ChanceExplained(double level) =>
        "\"Chance it is luck\" is how often a difference at least this big would appear by chance alone if the variant changed nothing: "
        + $"under {level.ToString("0.##%", System.Globalization.CultureInfo.CurrentCulture)} means the difference is probably real. The range is where the true figure most likely lies.";

    /// <summary>The same as a chart table's cell: formatted in the table, a plain number in the CSV.</summary>
    public static Charts.ChartCell Cell(ExperimentMetric m, double v) =>
        IsRate(m) ? Charts.ChartCell.Percent(v) : Charts.ChartCell.Money((decimal)v);
}
