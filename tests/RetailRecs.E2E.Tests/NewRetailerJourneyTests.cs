using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// A new retailer's first day, in a shop of its own (no demo data): the admin uploads the committed export that has
/// member number, date and item name only (no price, invoice or code), trains, segments, reads the dashboard in units,
/// and looks a member up to see suggestions.
/// </summary>
[Collection(BrowserCollection.Name)]
public class NewRetailerJourneyTests(BrowserFixture browser) : IAsyncLifetime
{
    private readonly EmptyShop _shop = new();
    private string _url = "";

    public Task InitializeAsync()
    {
        if (File.Exists(BrowserFixture.ChromiumPath))
        {
            _url = _shop.Start();
        }
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _shop.DisposeAsync();

    [BrowserFact]
    public async Task Admin_UploadsAMemberDateItemExport_TrainsSegments_SeesUnitsNotPounds_AndAMembersSuggestions()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = _url, ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        await Journeys.SignInAsync(page, DemoAccounts.Admin);

        // Upload: the file's own column names are recognised; the report says what it assumed; next steps are offered.
        await page.GotoAsync("/admin/imports/new");
        await Journeys.WaitUntilInteractiveAsync(page);
        await Journeys.ChooseFileAsync(page, "#import-file", input => input.SetInputFilesAsync(RepositoryPaths.MemberDateItemSample));
        await Expect(page.GetByTestId("detected-format")).ToContainTextAsync("3 columns");
        await page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("import-message")).ToContainTextAsync("Imported:", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("next-steps")).ToBeVisibleAsync();

        // Train: the quick models are enough for a first day (the journey stays short); the champion is chosen by evidence.
        await page.GetByTestId("next-steps").GetByRole(AriaRole.Link, new() { Name = "Train models" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Models");
        await Journeys.WaitUntilInteractiveAsync(page);
        foreach (var slow in new[] { "Trending (time-decayed popularity)", "User-based collaborative filtering", "Content-based (product text)", "Field-aware factorization machine (ML.NET)", "Hybrid re-ranked by LightGBM LambdaRank (ML.NET)" })
        {
            await page.GetByLabel(slow).UncheckAsync();
        }
        await page.GetByTestId("train").ClickAsync();
        await Expect(page.GetByTestId("champion")).Not.ToContainTextAsync("No model serves yet", new() { Timeout = 60_000 });

        // Segment: on recency, frequency and what is in the baskets; no spend anywhere.
        await page.GotoAsync("/segments");
        await Journeys.WaitUntilInteractiveAsync(page);
        await page.GetByTestId("run-segmentation").ClickAsync();
        await Expect(page.GetByTestId("segment-features")).ToContainTextAsync("no prices", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("segment-card").First).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Net spend");

        // Dashboard: units and orders, never £0; members are not guests; no hour chart for dates without times.
        await page.GotoAsync("/dashboard");
        await Expect(page.GetByText("Units trend")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("kpi").First).ToContainTextAsync("Units sold");
        await Expect(page.GetByText("Orders by weekday (the sales have dates but no times)")).ToBeVisibleAsync();
        await Expect(page.Locator("body")).Not.ToContainTextAsync("£");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "new-retailer-dashboard-desk.png"), FullPage = true });

        // Lookup: a member by number; the card counts units, shows no made-up order numbers, and suggests.
        await page.GotoAsync("/customers");
        await Journeys.WaitUntilInteractiveAsync(page);
        await page.GetByLabel("Customer").PressSequentiallyAsync("17850", new() { Delay = 40 });
        await page.GetByRole(AriaRole.Option).Filter(new() { HasText = "17850" }).First.ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("17850");
        await Expect(page.Locator("body")).ToContainTextAsync("Units bought");
        await Expect(page.Locator("body")).Not.ToContainTextAsync("Lifetime value");
        await Expect(page.GetByTestId("suggestion").First).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "new-retailer-card-desk.png"), FullPage = true });
        await context.CloseAsync();
    }

    /// <summary>The app on its own port over an empty database: demo accounts, but no demo data.</summary>
    private sealed class EmptyShop : RetailRecsWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings => [new("Seed:DemoData", "false")];

        public string Start()
        {
            var port = FreePort();
            UseKestrel(port);
            StartServer();
            return $"http://127.0.0.1:{port}";
        }
    }
}
