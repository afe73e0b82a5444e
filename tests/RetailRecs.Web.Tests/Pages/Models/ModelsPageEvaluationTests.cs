using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Models;

[Collection(WebCollection.Name)]
public class ModelsPageEvaluationTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Models_AsManager_ShowsAPlainVerdictBeforeTheRuns_TheFiguresBehindDetails_AndTheRunButton()
    {
        await app.Services.GetRequiredService<EvaluationService>().RunAsync(
            new EvaluationOptions { Models = [AlgorithmNames.ItemKnn], Resamples = 200 }, "test");
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/models"));

        var verdict = html.IndexOf("data-testid=\"evaluation-verdict\"", StringComparison.Ordinal);
        Assert.True(verdict > 0, "no verdict on the page");
        Assert.True(verdict < html.IndexOf("data-testid=\"runs\"", StringComparison.Ordinal), "the verdict comes after the runs table");
        Assert.Contains("For products the customer never bought", html);
        Assert.Contains("For what regulars buy again", html);
        Assert.Contains("beyond chance", html);
        // The eleven metric columns wait behind the details switch.
        Assert.DoesNotContain("data-testid=\"evaluation-row\"", html);
        Assert.DoesNotContain("Precision@10", html);
        Assert.Contains("data-testid=\"evaluation-details\"", html);
        Assert.Contains("data-testid=\"evaluate\"", html);
    }

    [Fact]
    public async Task Get_Models_AsAdmin_OffersToRunAnEvaluation()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var html = await client.GetStringAsync("/models");

        Assert.Contains("data-testid=\"evaluate\"", html);
    }
}
