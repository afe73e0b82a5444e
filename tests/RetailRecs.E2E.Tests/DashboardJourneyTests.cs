using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class DashboardJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_OpensTheSalesOverview_SeesTheRevenueChartDrawn_InBothThemes()
    {
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Manager);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Sales overview" }).ClickAsync();

        var chart = page.GetByRole(AriaRole.Img, new() { Name = "Revenue by month; the same figures are in the table below" });
        await Expect(chart.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await Expect(chart.Locator(".apexcharts-bar-area")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sales-overview-manager-tablet.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Expect(chart.Locator(".apexcharts-theme-dark")).Not.ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "sales-overview-manager-dark.png"), FullPage = true });
    }
}
