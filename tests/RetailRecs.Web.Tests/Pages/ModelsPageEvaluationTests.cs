using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public class ModelsPageEvaluationTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Models_AsManager_ShowsTheLatestEvaluation_PerTrack_WithBaselinesAndIntervals_ButNoRunButton()
    {
        var outcome = await app.Services.GetRequiredService<EvaluationService>().RunAsync(
            new EvaluationOptions { Models = [AlgorithmNames.ItemKnn], Resamples = 200 }, "test");
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/models"));

        Assert.Contains("NDCG@10", html);
        Assert.Contains("Repeat purchases allowed", html);
        Assert.Contains("New items only", html);
        Assert.Contains("own most-bought", html);
        // Three rows in the repeat track (item-knn, popularity, own most-bought), two in the new one, maybe more from other tests' runs.
        Assert.True(Regex.Matches(html, "data-testid=\"evaluation-row\"").Count >= 5);
        var ndcg = outcome.Result.Rows.Single(r => r.Model == "item-knn" && r.Track == EvaluationTrack.New).Metrics["ndcg"];
        Assert.Contains($"[{ndcg.Low:F3}–{ndcg.High:F3}]", html);
        Assert.DoesNotContain("data-testid=\"evaluate\"", html);
    }

    [Fact]
    public async Task Get_Models_AsAdmin_OffersToRunAnEvaluation()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var html = await client.GetStringAsync("/models");

        Assert.Contains("data-testid=\"evaluate\"", html);
    }
}
