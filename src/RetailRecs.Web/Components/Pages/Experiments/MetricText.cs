using RetailRecs.Core.Model;

namespace RetailRecs.Web.Components.Pages.Experiments;

/// <summary>Metric names and value formats as managers read them.</summary>
public static class MetricText
{
    public static string Name(ExperimentMetric m) => m switch
    {
        ExperimentMetric.AcceptanceRate => "Acceptance rate",
        ExperimentMetric.PurchaseWithinDays => "Bought a suggested product",
        _ => "Revenue per exposed customer",
    };

    public static bool IsRate(ExperimentMetric m) => m != ExperimentMetric.RevenuePerExposed;

    public static string Value(ExperimentMetric m, double v) =>
        IsRate(m) ? Shared.Figures.Percent(v) : v.ToString("C2", System.Globalization.CultureInfo.CurrentCulture);

    /// <summary>The same as a chart table's cell: formatted in the table, a plain number in the CSV.</summary>
    public static Charts.ChartCell Cell(ExperimentMetric m, double v) =>
        IsRate(m) ? Charts.ChartCell.Percent(v) : Charts.ChartCell.Money((decimal)v);
}
