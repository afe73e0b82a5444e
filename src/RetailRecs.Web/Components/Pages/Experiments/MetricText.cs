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
        IsRate(m) ? v.ToString("P1", System.Globalization.CultureInfo.CurrentCulture) : v.ToString("C2", System.Globalization.CultureInfo.CurrentCulture);
}
