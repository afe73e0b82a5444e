using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class SignInJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task DemoAdmin_SignsIn_SeesTheHomePageWithEveryArea()
    {
        var page = await browser.NewTabletPageAsync();

        await Journeys.SignInAsync(page, DemoAccounts.Admin);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello, Administrator");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Admin");
        var menu = page.GetByRole(AriaRole.Navigation);
        foreach (var area in new[] { "Products", "Dashboard", "Staff accounts" })
        {
            await Expect(menu.GetByRole(AriaRole.Link, new() { Name = area })).ToBeVisibleAsync();
        }
        await Expect(page.GetByTestId("data-summary")).ToContainTextAsync("products");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "home-admin-tablet.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Associate_SignsIn_SeesOnlyLookup_AndSearchesProductsInteractively()
    {
        var page = await browser.NewTabletPageAsync();

        await Journeys.SignInAsync(page, DemoAccounts.Associate);

        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Dashboard" })).ToHaveCountAsync(0);

        await menu.GetByRole(AriaRole.Link, new() { Name = "Products" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Products");
        await page.GetByLabel("Search by name or SKU").FillAsync("lantern");
        await Expect(page.GetByText("WHITE METAL LANTERN").First).ToBeVisibleAsync();
        await Expect(page.GetByText("WHITE HANGING HEART T-LIGHT HOLDER")).ToHaveCountAsync(0);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "products-associate-tablet.png"), FullPage = true });
    }

    [BrowserFact]
    public async Task Associate_OpensAnAdminAddress_IsToldItIsNotPartOfTheirRole()
    {
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Associate);

        await page.GotoAsync("/admin/staff");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("not part of your role");
    }

    [BrowserFact]
    public async Task Associate_OnAPortraitTablet_OpensTheMenuWithTheMenuButton()
    {
        var page = await browser.NewTabletPageAsync(portrait: true);
        await Journeys.SignInAsync(page, DemoAccounts.Associate);
        var products = page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Products" });
        // Narrower than the drawer's breakpoint: the page gets the whole width until the menu is asked for.
        await Expect(products).Not.ToBeInViewportAsync();
        // The drawer learns the window's width from the browser a moment after the page connects, and only then closes
        // itself (until then CSS hides it). A tap before that would toggle the not-yet-closed drawer shut.
        await Expect(page.Locator(".mud-drawer")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmud-drawer--closed\b"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Show or hide the menu" }).ClickAsync();
        await Expect(products).ToBeInViewportAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "menu-associate-portrait.png") });
        await products.ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Products");
    }
}
