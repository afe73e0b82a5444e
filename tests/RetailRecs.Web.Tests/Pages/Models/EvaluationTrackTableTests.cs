using Bunit;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Web.Components.Pages.Models;

namespace RetailRecs.Web.Tests.Pages.Models;

public class EvaluationTrackTableTests : StaffComponentTestContext
{
    /// <summary>Best sellers suggest 10 of 3,665 products: their coverage is 0.3%, which a whole percentage read as none.</summary>
    [Fact]
    public void Render_CoverageUnderHalfAPercent_ShowsItToATenth()
    {
        var metrics = EvaluationResult.MetricNames.ToDictionary(m => m, _ => new MetricValue(0.2, 0.1, 0.3));
        metrics["coverage"] = new MetricValue(10 / 3665.0, 10 / 3665.0, 10 / 3665.0);
        var row = new ModelResult(AlgorithmNames.Popularity, EvaluationTrack.New, true, 445, metrics, null, null, []);

        var table = Render<EvaluationTrackTable>(p => p.Add(t => t.Track, EvaluationTrack.New).Add(t => t.Rows, [row]).Add(t => t.K, 10));

        var cells = table.FindAll("[data-testid=evaluation-row] td").Select(td => td.TextContent.Trim()).ToList();
        Assert.Equal((0.003).ToString("P1"), cells[1 + Array.IndexOf(EvaluationResult.MetricNames, "coverage")]);
    }
}
