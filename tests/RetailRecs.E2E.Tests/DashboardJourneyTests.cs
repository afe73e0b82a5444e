using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_OpensTheDashboard_SeesTheChartsDrawn_ReadsATable_AndSwitchesTheme()
    {
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Manager);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();

        var trend = page.GetByRole(AriaRole.Img, new() { Name = "Revenue trend" });
        await Expect(trend.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Orders by weekday and hour" }).Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "dashboard-manager-tablet.png"), FullPage = true });

        var basketCard = page.GetByTestId("chart-card").Filter(new() { HasText = "Basket size" });
        await basketCard.GetByRole(AriaRole.Button, new() { Name = "Table" }).ClickAsync();
        await Expect(basketCard.GetByRole(AriaRole.Cell, new() { Name = "51+" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Expect(trend.Locator(".apexcharts-theme-dark")).Not.ToHaveCountAsync(0);
    }
}
