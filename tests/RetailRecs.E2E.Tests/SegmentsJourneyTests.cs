using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class SegmentsJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_FixesTheNumberOfSegments_RenamesOne_AndOpensAMembersCard()
    {
        await browser.WaitForChampionAsync();
        // The start-up segmentation follows the first training; let it finish so this run is the one shown.
        await browser.Services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().WhenIdleAsync();
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Manager);
        await page.GotoAsync($"{browser.BaseUrl}/segments");
        await Journeys.WaitUntilInteractiveAsync(page);

        await page.GetByRole(AriaRole.Spinbutton, new() { Name = "Number of segments" }).FillAsync("4");
        await page.GetByTestId("run-segmentation").ClickAsync();
        await Expect(page.GetByTestId("segmentation-outcome")).ToContainTextAsync("segmented into 4 segments", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("segment-card")).ToHaveCountAsync(4);
        await Expect(page.GetByTestId("run-summary")).ToContainTextAsync("fixed by a manager");

        var first = page.GetByTestId("segment-card").First;
        await first.GetByRole(AriaRole.Button, new() { NameRegex = new("^Rename ") }).ClickAsync();
        var name = first.GetByLabel("Segment name");
        await name.FillAsync("Our best regulars");
        await name.PressAsync("Enter");
        await Expect(first.GetByTestId("segment-name")).ToHaveTextAsync("Our best regulars");

        await first.GetByTestId("show-members").ClickAsync();
        var members = page.GetByTestId("segment-members");
        await Expect(members).ToContainTextAsync("Members of Our best regulars");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "segments-tablet.png"), FullPage = true });
        await members.Locator("tbody tr a").First.ClickAsync();
        await Expect(page.GetByTestId("segment")).ToContainTextAsync("Our best regulars");
    }
}
