using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// The counter with a scanner and a keyboard alone, the basket that belongs to the visit, and the store tablets' sizes.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CounterJourneyTests(BrowserFixture browser)
{
    private const string BasketSearch = "Add a product: name, SKU or scan";

    private async Task<RetailDbContext> DbAsync() =>
        await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();

    /// <summary>Customers with purchases that no other journey opens (their baskets and audits are this class's own).</summary>
    private async Task<int[]> CustomersAsync(int skip, int take)
    {
        await using var db = await DbAsync();
        return await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2)
            .OrderBy(c => c.Id).Skip(skip).Take(take).Select(c => c.Id).ToArrayAsync();
    }

    /// <summary>Two best-selling products a scanner could read: SKU and name.</summary>
    private async Task<(string Sku, string Name)[]> ScannableAsync()
    {
        await using var db = await DbAsync();
        var top = await db.OrderLines.Where(l => l.Product!.IsActive && !l.Product.IsNonMerchandise)
            .GroupBy(l => l.ProductId).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(2).ToListAsync();
        var products = await db.Products.Where(p => top.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        return top.Select(id => (products[id].Sku, RetailRecs.Core.Recommendations.Serving.ReasonText.Name(products[id].Name))).ToArray();
    }

    private async Task<IPage> OpenCardAsync(int customerId, int width = 1280, int height = 800)
    {
        var page = await browser.NewPageAsync(width, height);
        await Journeys.SignInAsync(page, DemoAccounts.Associate);
        await page.GotoAsync($"{browser.BaseUrl}/customers/{customerId}");
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(10);
        return page;
    }

    /// <summary>A scanner types the code and Enter within a few milliseconds, long before a search answers.</summary>
    private static async Task ScanAsync(IPage page, string code)
    {
        await page.GetByLabel(BasketSearch).PressSequentiallyAsync(code, new() { Delay = 0 });
        await page.Keyboard.PressAsync("Enter");
    }

    [BrowserFact]
    public async Task BasketSearch_ScannerCodeAndEnter_AddsAtOnce_ClearsAndKeepsTheField_ChipsWorkByKeyboard()
    {
        await browser.WaitForChampionAsync();
        var customer = (await CustomersAsync(skip: 11, take: 1))[0];
        var products = await ScannableAsync();
        var page = await OpenCardAsync(customer);
        var search = page.GetByLabel(BasketSearch);
        var basket = page.GetByTestId("basket-item");
        await search.FocusAsync();

        await ScanAsync(page, products[0].Sku);
        await Expect(basket).ToHaveCountAsync(1);
        await Expect(basket.First).ToContainTextAsync(products[0].Name);
        await Expect(search).ToHaveValueAsync("");
        await Expect(search).ToBeFocusedAsync();

        // The next scan starts in an empty field: it is not appended to the first product's name.
        await ScanAsync(page, products[1].Sku.ToLowerInvariant());
        await Expect(basket).ToHaveCountAsync(2);
        await Expect(basket.Nth(1)).ToContainTextAsync(products[1].Name);
        await Expect(search).ToHaveValueAsync("");

        // Tab from the field reaches the first chip's remove button; Enter removes it and the focus returns to the field.
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Remove {products[0].Name} from the basket" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(basket).ToHaveCountAsync(1);
        await Expect(basket.First).ToContainTextAsync(products[1].Name);
        await Expect(search).ToBeFocusedAsync();
    }

    [BrowserFact]
    public async Task CustomerSearch_FastTypingPhoneWithCountryCodeAndDownEnter_OpensTheFirstMatch_AndAuditsOnlyIt()
    {
        // A surname prefix shared by several customers, and a phone number of one of them.
        await using var db = await DbAsync();
        var prefix = (await db.Customers.Where(c => c.LastName != null && c.LastName.Length >= 3)
            .GroupBy(c => c.LastName!.Substring(0, 3)).Where(g => g.Count() >= 3).Select(g => g.Key).FirstAsync()).ToLowerInvariant();
        var hits = await browser.Services.GetRequiredService<CustomerSearch>().SearchAsync(prefix);
        var withPhone = await db.Customers.Where(c => c.Phone != null && c.Phone.StartsWith("07")).OrderBy(c => c.Id).FirstAsync();
        int Views(int id) => db.AuditEntries.Count(a => a.Action == CustomerCardService.ViewedAction && a.EntityId == id.ToString());
        var (firstBefore, secondBefore) = (Views(hits[0].Id), Views(hits[1].Id));

        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Associate);
        await page.GotoAsync($"{browser.BaseUrl}/customers");
        await Journeys.WaitUntilInteractiveAsync(page);
        var field = page.GetByLabel("Customer");
        await Expect(field).ToBeFocusedAsync();

        // The way a customer says it: with the country code. Typed at 40 ms a key, nothing is lost.
        var international = "+44 " + withPhone.Phone![1..];
        await field.PressSequentiallyAsync(international, new() { Delay = 40 });
        await Expect(field).ToHaveValueAsync(international);
        await Expect(page.GetByText($"Customer {withPhone.CustomerCode}").First).ToBeVisibleAsync();

        // Typed as fast as the keyboard sends it: nothing lost either.
        await field.FillAsync("");
        await field.PressSequentiallyAsync(prefix, new() { Delay = 0 });
        await Expect(field).ToHaveValueAsync(prefix);
        await Expect(page.GetByText(hits[^1].Name).First).ToBeVisibleAsync(); // the matches have answered
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(hits[0].Name);
        // The card shows first and audits right after (off the circuit's thread): the entry lands a moment later.
        await Eventually.AssertAsync(() =>
        {
            Assert.Equal((firstBefore + 1, secondBefore), (Views(hits[0].Id), Views(hits[1].Id)));
            return Task.CompletedTask;
        });
    }

    [BrowserFact]
    public async Task Basket_KeptAcrossShowToCustomerAndReload_UntilAnotherCustomerOrTheEndOfTheVisit()
    {
        await browser.WaitForChampionAsync();
        var customers = await CustomersAsync(skip: 12, take: 2);
        var product = (await ScannableAsync())[0];
        var page = await OpenCardAsync(customers[0]);
        var basket = page.GetByTestId("basket-item");
        var suggestions = page.GetByTestId("suggestion");
        var accepted = (await suggestions.First.Locator("strong").InnerTextAsync()).Trim();
        await suggestions.First.GetByTestId("accept").ClickAsync();
        await Expect(suggestions.First.GetByTestId("recorded")).ToHaveTextAsync("accepted");
        await page.GetByLabel(BasketSearch).FocusAsync();
        await ScanAsync(page, product.Sku);
        await Expect(basket).ToHaveCountAsync(1);

        async Task ExpectTheVisitAsync()
        {
            await Expect(basket).ToHaveCountAsync(1);
            await Expect(basket.First).ToContainTextAsync(product.Name);
            await Expect(suggestions.Filter(new() { HasText = accepted }).GetByTestId("recorded")).ToHaveTextAsync("accepted");
        }

        await page.GetByTestId("show-to-customer").ClickAsync();
        await Expect(page.GetByTestId("customer-item")).ToHaveCountAsync(10);
        await page.GetByTestId("back").ClickAsync();
        await ExpectTheVisitAsync();

        await page.ReloadAsync();
        await Journeys.WaitUntilInteractiveAsync(page);
        await ExpectTheVisitAsync();

        // Another customer: a new visit, and the first one is over.
        await page.GotoAsync($"{browser.BaseUrl}/customers/{customers[1]}");
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(10);
        await Expect(basket).ToHaveCountAsync(0);
        await page.GetByLabel(BasketSearch).FocusAsync();
        await ScanAsync(page, product.Sku);
        await Expect(basket).ToHaveCountAsync(1);
        await page.GotoAsync($"{browser.BaseUrl}/customers/{customers[0]}");
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(10);
        await Expect(page.GetByTestId("recorded")).ToHaveCountAsync(0);
        await Expect(basket).ToHaveCountAsync(0);

        // Ending the visit lets the basket go and returns to the search.
        await page.GetByLabel(BasketSearch).FocusAsync();
        await ScanAsync(page, product.Sku);
        await Expect(basket).ToHaveCountAsync(1);
        await page.GetByTestId("end-visit").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a customer");
        await page.GotoAsync($"{browser.BaseUrl}/customers/{customers[0]}");
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(page.GetByTestId("suggestion")).ToHaveCountAsync(10);
        await Expect(basket).ToHaveCountAsync(0);
    }

    [BrowserFact]
    public async Task CustomerCard_AtDeskAndStoreTabletSizes_SuggestionsAndBasketInView_MenuPinnedOnlyAtTheDesk()
    {
        await browser.WaitForChampionAsync();
        var customer = (await CustomersAsync(skip: 14, take: 1))[0];
        foreach (var (width, height) in new[] { (1280, 900), (1024, 768), (768, 1024) })
        {
            var page = await OpenCardAsync(customer, width, height);
            await page.GetByLabel(BasketSearch).FocusAsync();
            await ScanAsync(page, (await ScannableAsync())[0].Sku);
            await Expect(page.GetByTestId("basket-suggestion")).ToHaveCountAsync(5);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"counter-card-{width}x{height}.png") });

            var suggestions = (await page.GetByTestId("suggestions").BoundingBoxAsync())!;
            var search = (await page.GetByLabel(BasketSearch).BoundingBoxAsync())!;
            var basketItem = (await page.GetByTestId("basket-item").First.BoundingBoxAsync())!;
            var firstSuggestion = (await page.GetByTestId("suggestion").First.BoundingBoxAsync())!;
            // In view without scrolling: the first suggestion, the basket's search and what is in the basket.
            Assert.True(firstSuggestion.Y + firstSuggestion.Height <= height, $"{width}×{height}: the first suggestion ends at {firstSuggestion.Y + firstSuggestion.Height}");
            Assert.True(search.Y + search.Height <= height, $"{width}×{height}: the basket's search ends at {search.Y + search.Height}");
            Assert.True(basketItem.Y + basketItem.Height <= height, $"{width}×{height}: the basket ends at {basketItem.Y + basketItem.Height}");
            // Enough of the list to choose from: the customer's header is short, so several suggestions fit under it.
            var inView = 0;
            foreach (var row in await page.GetByTestId("suggestion").AllAsync())
            {
                inView += (await row.BoundingBoxAsync()) is { } box && box.Y + box.Height <= height ? 1 : 0;
            }
            Assert.True(inView >= 4, $"{width}×{height}: {inView} suggestions in view without scrolling");
            // The menu is pinned beside the page at the desk only; on a tablet it opens over the page when asked.
            var menuPinned = suggestions.X > 200;
            Assert.True(menuPinned == width >= 1280, $"{width}×{height}: the page starts at x = {suggestions.X}");
            await page.Context.CloseAsync();
        }
    }
}
