using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class ModelsJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Admin_EvaluatesEveryModel_AndPromotingOneThatLosesToABaseline_AsksForAnExplicitConfirmation()
    {
        await browser.WaitForChampionAsync();
        await browser.Services.GetRequiredService<RetailRecs.Core.Segmentation.SegmentationJobs>().Running;
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Admin);
        await page.GotoAsync($"{browser.BaseUrl}/models");
        await Journeys.WaitUntilInteractiveAsync(page);

        await page.GetByTestId("evaluate").ClickAsync();
        await Expect(page.GetByTestId("evaluation-outcome")).ToContainTextAsync("Evaluated at", new() { Timeout = 120_000 });
        var repeat = page.GetByTestId("evaluation-repeat");
        await Expect(repeat.GetByTestId("evaluation-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("evaluation-new").GetByTestId("evaluation-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "models-evaluation-tablet.png"), FullPage = true });

        // A model flagged in the latest evaluation, with a stored run that is not the champion.
        var flagged = (await page.GetByTestId("evaluation-row").Filter(new() { Has = page.GetByTestId("flag") })
            .Locator("td:first-child").AllInnerTextsAsync()).Select(t => t.Trim()).ToList();
        Assert.NotEmpty(flagged);
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        // Only the latest successful run of an algorithm offers Promote.
        var run = (await db.ModelRuns.Where(r => flagged.Contains(r.Algorithm) && r.Status == ModelRunStatus.Succeeded).ToListAsync())
            .GroupBy(r => r.Algorithm).Select(g => g.MaxBy(r => r.Id)!).Where(r => !r.IsChampion).OrderByDescending(r => r.Id).First();
        await page.GetByTestId($"promote-{run.Id}").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Expect(dialog).ToContainTextAsync("This model loses to a baseline");
        await Expect(dialog).ToContainTextAsync("did not beat a simple baseline");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Keep the current champion" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        Assert.False(await db.ModelRuns.Where(r => r.Id == run.Id).Select(r => r.IsChampion).SingleAsync());
    }
}
