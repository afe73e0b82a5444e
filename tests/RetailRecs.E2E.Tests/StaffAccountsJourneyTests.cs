using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class StaffAccountsJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Admin_CreatesAnAssociateAndSignsOut_TheNewAssociateCanSignIn()
    {
        var page = await browser.NewTabletPageAsync();
        var email = $"jo.{Guid.NewGuid():N}@store.example";
        await Journeys.SignInAsync(page, DemoAccounts.Admin);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Staff accounts" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Staff accounts");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Jo Newstarter");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("First password").FillAsync("counter-shift-2026");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByText("Account created for Jo Newstarter.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("staff-table").GetByText(email)).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "staff-accounts-admin-tablet.png"), FullPage = true });

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));

        await Journeys.SignInAsync(page, new DemoAccounts.Account(email, "counter-shift-2026", "Associate"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Hello, Jo Newstarter");
        await Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync("Associate");
    }

    [BrowserFact]
    public async Task Admin_CreatesAnAccountWithAWeakPassword_IsToldWhyAndNothingIsCreated()
    {
        var page = await browser.NewTabletPageAsync();
        var email = $"weak.{Guid.NewGuid():N}@store.example";
        await Journeys.SignInAsync(page, DemoAccounts.Admin);
        await page.GotoAsync("/admin/staff");
        await Journeys.WaitUntilInteractiveAsync(page);

        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Wes Weak");
        await page.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
        await page.GetByLabel("First password").FillAsync("abc");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();

        await Expect(page.GetByText("Passwords must be at least 12 characters").First).ToBeVisibleAsync();
        await Expect(page.GetByTestId("staff-table").GetByText(email)).ToHaveCountAsync(0);
    }
}
