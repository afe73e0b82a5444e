using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class SignInJourneyTests(BrowserFixture browser)
{
    private static async Task SignInAsync(IPage page, DemoAccounts.Account account)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    /// <summary>Pages are prerendered: a click or keystroke before the circuit connects would be lost.</summary>
    private static Task WaitUntilInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();

    [BrowserFact]
    public async Task DemoAdmin_SignsIn_SeesTheHomePageWithEveryArea()
    {
        var page = await browser.NewTabletPageAsync();

        await SignInAsync(page, DemoAccounts.Admin);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello, Administrator");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Admin");
        var menu = page.GetByRole(AriaRole.Navigation);
        foreach (var area in new[] { "Products", "Sales overview", "Staff accounts" })
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

        await SignInAsync(page, DemoAccounts.Associate);

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");
        var menu = page.GetByRole(AriaRole.Navigation);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Products" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Staff accounts" })).ToHaveCountAsync(0);
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Sales overview" })).ToHaveCountAsync(0);

        await WaitUntilInteractiveAsync(page);
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
        await SignInAsync(page, DemoAccounts.Associate);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");

        await page.GotoAsync("/admin/staff");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("not part of your role");
    }
}
