using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Segments;

[Collection(WebCollection.Name)]
public class SegmentsPageTests(RetailRecsWebFactory app)
{
    private async Task<SegmentQueries.Overview> SegmentedAsync()
    {
        // The start-up job (train, then segment) may be running too; whichever segmentation finishes last is current, and
        // that is what is read.
        await app.Services.GetRequiredService<JobRunner>().WhenIdleAsync();
        await app.Services.GetRequiredService<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 4 }, "test");
        await app.Services.GetRequiredService<JobRunner>().WhenIdleAsync();
        return (await app.Services.GetRequiredService<SegmentQueries>().CurrentAsync())!;
    }

    [Fact]
    public async Task Get_Segments_AsManager_ShowsEverySegmentProfile_TheRfmGrid_AndTheRun()
    {
        var overview = await SegmentedAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/segments"));

        foreach (var segment in overview.Segments)
        {
            Assert.Contains(segment.Name, html);
        }
        Assert.Contains("RFM scores", html);
        Assert.Contains($"{overview.K} segments", html);
        Assert.Contains("Choosing the number of segments", html);
        Assert.Contains("Compare two segments", html);
    }

    [Fact]
    public async Task Get_Segments_AsManager_ExplainsTheClusteringScoresAndTheMapInPlainWords()
    {
        await SegmentedAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/segments"));

        // The technical names appear only inside a sentence that says what they measure.
        Assert.DoesNotContain("chosen by the best silhouette", html);
        Assert.DoesNotContain("Segment map (PCA)", html);
        Assert.DoesNotContain("Component 1", html);
        Assert.Contains("Separation (the silhouette score): how much closer customers are to their own segment than to the next one, higher is better.", html);
        Assert.Contains("Overlap (the Davies–Bouldin index): how much segments blur into each other, lower is better.", html);
        Assert.Contains("Each dot is a customer, placed so that customers who buy alike sit close together", html);
    }

    [Fact]
    public async Task Get_CustomerCard_ShowsTheCustomersSegment_AndRfmScores()
    {
        var overview = await SegmentedAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var member = await db.CustomerSegments.Where(c => c.RunId == overview.RunId).OrderBy(c => c.CustomerId).FirstAsync();
        var name = overview.Segments.Single(s => s.Id == member.SegmentId).Name;
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{member.CustomerId}"));

        Assert.Contains(name, html);
        Assert.Contains($"RFM {member.RecencyScore}{member.FrequencyScore}{member.MonetaryScore} · {member.RfmSegment}", html);
    }
}
