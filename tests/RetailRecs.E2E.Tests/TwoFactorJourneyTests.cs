using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class TwoFactorJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Manager_TurnsOnTwoFactorFromTheAppBar_ThenSignsInWithTheAppsCode()
    {
        // A manager of their own: managers may enrol (optional in Development), and the demo accounts stay password-only.
        var manager = new DemoAccounts.Account($"tf.journey.{Guid.NewGuid():N}@store.example", "two-factor journey passphrase 26", StaffRoles.Manager);
        var created = await browser.Services.GetRequiredService<StaffAccountService>().CreateAsync(
            new NewStaffAccount { Email = manager.Email, DisplayName = "Jo Journey", Role = manager.Role, Password = manager.Password }, StaffActor.System);
        Assert.True(created.Succeeded, created.Message);
        // Enrolment writes the key, turns two-factor on and signs in twice. Run first (as it is on CI, where the test projects
        // run one after another) while the app's first training ran, the set-up page once did not come within 15 s: this
        // journey is about two-factor sign-in, not about a busy start, so it waits for the first training as others do.
        await browser.WaitForChampionAsync();
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, manager);

        await page.GetByTestId("account-security").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Set up an authenticator app" }).ClickAsync();
        await Expect(page.GetByAltText("QR code that adds RetailRecs to an authenticator app")).ToBeVisibleAsync();
        var phone = new AuthenticatorApp(await page.GetByTestId("authenticator-key").InnerTextAsync());
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "two-factor-setup.png"), FullPage = true });
        await page.GetByLabel("Code from the app").FillAsync(phone.CodeToType());
        await page.GetByRole(AriaRole.Button, new() { Name = "Check the code and turn on" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Two-factor sign-in is on");
        await Expect(page.GetByTestId("recovery-codes").Locator("li")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        // Signed out once the sign-in page shows: going on before it could cut the form's post short.
        await Expect(page).ToHaveURLAsync(new Regex("/Account/Login"));
        await page.GotoAsync("/dashboard");
        await page.GetByLabel("Email").FillAsync(manager.Email);
        await page.GetByLabel("Password").FillAsync(manager.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/Account/LoginWith2fa"));
        await page.GetByLabel("Code from the app").FillAsync(phone.WrongCode());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("That code is not right");
        await page.GetByLabel("Code from the app").FillAsync(phone.CodeToType());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/dashboard$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Dashboard");
    }
}
