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

    /// <summary>
    /// Chooses a file in a Blazor InputFile once it listens: the page is on screen a moment before the server's call that
    /// makes the input listen for a chosen file (blazor.web.js's InputFile.init) reaches the browser, and a file chosen
    /// in between is never seen. The check reads the property that call sets; a framework that renames it fails here
    /// plainly rather than now and then.
    /// </summary>
    public static async Task ChooseFileAsync(IPage page, string selector, Func<ILocator, Task> choose)
    {
        await page.WaitForFunctionAsync("s => document.querySelector(s)?._blazorInputFileNextFileId !== undefined", selector);
        await choose(page.Locator(selector));
    }

    /// <summary>Pages are prerendered: a click or keystroke before the circuit connects would be lost.</summary>
    public static Task WaitUntilInteractiveAsync(IPage page) => page.Locator("[data-interactive=true]").WaitForAsync();
}
