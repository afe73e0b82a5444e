using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>The app's strict Content-Security-Policy as Chromium enforces it: everything the pages need still runs.</summary>
[Collection(BrowserCollection.Name)]
public class ContentSecurityPolicyJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_SignsInAndOpensTheDashboardWithCharts_BrowserReportsNoPolicyViolation()
    {
        var page = await browser.NewTabletPageAsync();
        var violations = new List<string>();
        // Chromium reports every refused script, style, image or connection on the console in these words.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Add(message.Text);
            }
        };
        page.PageError += (_, error) => violations.Add("page error: " + error);

        var signIn = await page.GotoAsync("/Account/Login");
        var headers = await signIn!.AllHeadersAsync();
        Assert.Contains("script-src 'self';", headers["content-security-policy"]);
        Assert.DoesNotContain("server", headers.Keys);
        await Journeys.SignInAsync(page, DemoAccounts.Manager);

        // Enhanced navigation in the open circuit, then a full load of the same page: both paths load ApexCharts.
        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Revenue trend" }).Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        await page.ReloadAsync();
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Orders by weekday and hour" }).Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
        // The charts respond to the circuit (the WebSocket) after the reload: switching the theme redraws them dark.
        await page.GetByRole(AriaRole.Button, new() { Name = "Switch to the dark theme" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Img, new() { Name = "Revenue trend" }).Locator(".apexcharts-theme-dark")).Not.ToHaveCountAsync(0);

        Assert.Empty(violations);
    }
}
