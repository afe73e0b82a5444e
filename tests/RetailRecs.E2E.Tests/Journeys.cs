using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>Steps every journey shares.</summary>
internal static class Journeys
{
    /// <summary>Opens the app, is sent to sign-in, signs in, and waits until the home page responds to input.</summary>
    public static async Task SignInAsync(IPage page, DemoAccounts.Account account)
    {
        await page.GotoAsync("/");
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/Account/Login"));
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");
        await WaitUntilInteractiveAsync(page);
    }

    /// <summary>Pages are prerendered: a click or keystroke before the circuit connects would be lost.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();
}
