using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class ExperimentsJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_SetsUpAnAATest_StartsIt_SeesAnExposureFromACustomerCard_AndStopsIt()
    {
        await browser.WaitForChampionAsync();
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Manager);
        await page.GotoAsync($"{browser.BaseUrl}/experiments");
        await Journeys.WaitUntilInteractiveAsync(page);
        int? experimentId = null;
        try
        {
            await page.GetByTestId("new-experiment").ClickAsync();
            await page.GetByLabel("Name", new() { Exact = true }).First.FillAsync("Plumbing check");
            await page.GetByLabel("Hypothesis").FillAsync("Two identical arms sell the same.");
            await page.GetByText("A/A test: two identical variants").ClickAsync();
            // The calculator's defaults: 10% baseline, 2 points, α 0.05, power 0.8.
            await Expect(page.GetByTestId("sample-size-result")).ToContainTextAsync("3,841 customers per variant");
            await page.GetByTestId("save-experiment").ClickAsync();

            var panel = page.GetByTestId("experiment");
            await Expect(panel).ToContainTextAsync("Plumbing check");
            await Expect(panel).ToContainTextAsync("Draft");
            await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
            {
                experimentId = await db.Experiments.Where(e => e.Name == "Plumbing check").Select(e => e.Id).SingleAsync();
            }
            await page.GetByTestId("start").ClickAsync();
            await Expect(panel).ToContainTextAsync("Running");

            // A customer card shows suggestions: that is an exposure.
            int customerId;
            await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
            {
                customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            }
            await page.GotoAsync($"{browser.BaseUrl}/customers/{customerId}");
            await Journeys.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("suggestion").First).ToBeVisibleAsync();
            // A reload is a second page view, so a second list shown (however soon after the first).
            await page.ReloadAsync();
            await Journeys.WaitUntilInteractiveAsync(page);
            await Expect(page.GetByTestId("suggestion").First).ToBeVisibleAsync();

            await page.GotoAsync($"{browser.BaseUrl}/experiments?id={experimentId}");
            await Journeys.WaitUntilInteractiveAsync(page);
            // Counted once their 7-day window ends: until then the results say they wait.
            await Expect(page.GetByTestId("pending")).ToContainTextAsync("1 more customer was shown suggestions less than 7 days ago");
            await Expect(page.GetByTestId("verdict")).ToContainTextAsync("Not enough data yet");
            await Expect(page.GetByTestId("early-warning")).ToContainTextAsync("planned days");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "experiments-tablet.png"), FullPage = true });

            await page.GetByTestId("stop").ClickAsync();
            await Expect(page.GetByTestId("stop-form")).ToContainTextAsync("stopping at the first significant one");
            await page.GetByTestId("confirm-stop").ClickAsync();
            await Expect(page.GetByTestId("experiment")).ToContainTextAsync("Stopped");
        }
        finally
        {
            // Never leave customers routed into this test's experiment for the other journeys.
            if (experimentId is { } id && (await browser.Services.GetRequiredService<ExperimentService>().GetAsync(id))?.Status == ExperimentStatus.Running)
            {
                await browser.Services.GetRequiredService<ExperimentService>().StopAsync(id, new StaffActor(null, "test"));
            }
        }
        await using var check = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        // Two page views of one card: two exposures, none from the prerenders.
        Assert.Equal(2, await check.ExperimentExposures.CountAsync(e => e.ExperimentId == experimentId));
    }
}
