using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class CustomerLookupJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Associate_FindsACustomerByPartOfTheName_WithTheKeyboard_AndSeesTheCardMasked()
    {
        var (first, last, email) = await browser.FirstCustomerAsync();
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Associate);

        await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a customer");
        await page.GetByLabel("Customer").PressSequentiallyAsync($"{first[..3].ToLowerInvariant()} {last[..3].ToLowerInvariant()}", new() { Delay = 40 });
        await Expect(page.GetByText($"{first} {last}").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"{first} {last}");
        await Expect(page.GetByTestId("email")).ToContainTextAsync("•••@");
        await Expect(page.GetByTestId("email")).Not.ToContainTextAsync(email);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "customer-card-associate-tablet.png"), FullPage = true });
    }
}
