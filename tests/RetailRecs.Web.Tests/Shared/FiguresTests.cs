using System.Globalization;
using RetailRecs.Core.Model;
using RetailRecs.Web.Components.Pages.Experiments;
using RetailRecs.Web.Components.Shared;

namespace RetailRecs.Web.Tests.Shared;

[Trait("Database", "None")]
public class FiguresTests
{
    [Fact]
    public void Percent_AShareJustBelowZero_ReadsZero_NotMinusZero()
    {
        Assert.Equal(0.0.ToString("P1", CultureInfo.CurrentCulture), Figures.Percent(-0.0001));
        Assert.Equal((-0.012).ToString("P1", CultureInfo.CurrentCulture), Figures.Percent(-0.012));
        Assert.Equal(0.0.ToString("P1", CultureInfo.CurrentCulture), Figures.Format(-0.0004, "P1"));
    }

    [Fact]
    public void MetricValue_ARateThatRoundsToNothing_NeverReadsMinusZero()
    {
        // An uplift of a hair below zero, as the experiment tables show it.
        Assert.DoesNotContain("-", MetricText.Value(ExperimentMetric.AcceptanceRate, -0.00004));
    }
}
