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
    public async Task Manager_EvaluatesEveryModel_ReadsTheVerdictWithoutScrolling_ThenAnAdminPromotingALoser_MustConfirmExplicitly()
    {
        await browser.WaitForChampionAsync();
        await browser.Services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().WhenIdleAsync();
        // A manager at a desk (1280×900) runs the evaluation: progress, then the verdict in view without scrolling.
        var desk = await browser.NewPageAsync(1280, 900);
        await Journeys.SignInAsync(desk, DemoAccounts.Manager);
        await desk.GotoAsync($"{browser.BaseUrl}/models");
        await Journeys.WaitUntilInteractiveAsync(desk);

        await desk.GetByTestId("evaluate").ClickAsync();
        await Expect(desk.GetByTestId("evaluation-outcome")).ToContainTextAsync("Evaluated at", new() { Timeout = 120_000 });
        var verdict = desk.GetByTestId("evaluation-verdict");
        await Expect(verdict).ToContainTextAsync("beyond chance");
        var box = (await verdict.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 900, $"The verdict ends {box.Y + box.Height:F0} px down, below the 900 px window.");
        await Expect(desk.GetByTestId("evaluation-row")).ToHaveCountAsync(0);
        await desk.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "models-verdict-1280x900.png") });
        // Reopened, the page still says how the run ended and what to trust.
        await desk.ReloadAsync();
        await Expect(desk.GetByTestId("evaluation-outcome")).ToContainTextAsync("Evaluated at");
        await Expect(desk.GetByTestId("evaluation-verdict")).ToContainTextAsync("beyond chance");

        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Admin);
        await page.GotoAsync($"{browser.BaseUrl}/models");
        await Journeys.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("evaluation-details").CheckAsync();
        var repeat = page.GetByTestId("evaluation-repeat");
        await Expect(repeat.GetByTestId("evaluation-row").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("evaluation-new").GetByTestId("evaluation-row").First).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "models-evaluation-tablet.png"), FullPage = true });

        // A model flagged in the latest evaluation, with a stored run that is not the champion.
        var flaggedRows = page.GetByTestId("evaluation-row").Filter(new() { Has = page.GetByTestId("flag") });
        var flagged = new List<string>();
        for (var i = 0; i < await flaggedRows.CountAsync(); i++)
        {
            flagged.Add((await flaggedRows.Nth(i).GetAttributeAsync("data-model"))!);
        }
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
