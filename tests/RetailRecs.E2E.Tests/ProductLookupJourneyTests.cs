using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

[Collection(BrowserCollection.Name)]
public class ProductLookupJourneyTests(BrowserFixture browser)
{
    [BrowserFact]
    public async Task Associate_PicksAProduct_AndSeesWhatIsBoughtWithIt_AndSimilarItems()
    {
        await browser.WaitForChampionAsync();
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Associate);
        await page.GotoAsync($"{browser.BaseUrl}/products");
        await Journeys.WaitUntilInteractiveAsync(page);

        await page.GetByLabel("Search by name or SKU").PressSequentiallyAsync("85123A", new() { Delay = 40 });
        var row = page.Locator("tbody tr").First;
        await Expect(row).ToContainTextAsync("85123A");
        // Keyboard alone: each row's name is a button (Tab reaches it), and Enter opens the product.
        await row.GetByTestId("open-product").FocusAsync();
        await page.Keyboard.PressAsync("Enter");

        var together = page.GetByTestId("bought-together").GetByTestId("item");
        await Expect(together).ToHaveCountAsync(6);
        await Expect(together.First).ToContainTextAsync("Often bought with White Hanging Heart T-Light Holder (in ");
        var similar = page.GetByTestId("similar").GetByTestId("item");
        await Expect(similar.First).ToContainTextAsync("Similar to White Hanging Heart T-Light Holder");
        await Expect(page.GetByTestId("similar")).Not.ToContainTextAsync("85123A");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "product-suggestions-tablet.png"), FullPage = true });
    }
}
