using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>The screen turned to the customer as a second screen: what the customer does there reaches the associate's card live.</summary>
[Collection(BrowserCollection.Name)]
public class ShowToCustomerJourneyTests(BrowserFixture browser)
{
    private async Task<RetailDbContext> DbAsync() =>
        await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();

    private async Task<int> EventsAsync(int customerId, InteractionType type)
    {
        await using var db = await DbAsync();
        return await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == type && e.Source == "show");
    }

    [BrowserFact]
    public async Task CustomerScreen_InAnotherWindowAtTabletSize_CustomerAddsASuggestion_TheCardShowsItLive_AndCloseReturnsToTheCard()
    {
        await browser.WaitForChampionAsync();
        int customer;
        await using (var db = await DbAsync())
        {
            // A customer with purchases that no other journey opens.
            customer = await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2)
                .OrderBy(c => c.Id).Skip(20).Select(c => c.Id).FirstAsync();
        }
        var card = await browser.NewPageAsync(1024, 768);
        await Journeys.SignInAsync(card, DemoAccounts.Associate);
        await card.GotoAsync($"/customers/{customer}");
        await Journeys.WaitUntilInteractiveAsync(card);
        await Expect(card.GetByTestId("suggestion")).ToHaveCountAsync(10);
        var show = card.GetByTestId("show-to-customer");
        await Expect(show).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("visit=[0-9A-F]{32}"));

        // The customer's screen in a second window (another circuit), signed in as the same associate.
        var screen = await card.Context.NewPageAsync();
        await screen.GotoAsync((await show.GetAttributeAsync("href"))!);
        await Journeys.WaitUntilInteractiveAsync(screen);
        var items = screen.GetByTestId("customer-item");
        await Expect(items).ToHaveCountAsync(10);
        var wanted = (await items.First.Locator(".screen-item-name").InnerTextAsync()).Trim();

        // By keyboard: the answer takes the focus, and Tab goes on to the same product's "Tell me more".
        await items.First.GetByTestId("customer-add").FocusAsync();
        await screen.Keyboard.PressAsync("Enter");

        await Expect(items.First.GetByTestId("customer-in-basket")).ToBeFocusedAsync();
        await screen.Keyboard.PressAsync("Tab");
        await Expect(items.First.GetByTestId("customer-more")).ToBeFocusedAsync();
        await Expect(screen.GetByTestId("customer-basket-item")).ToHaveTextAsync([new System.Text.RegularExpressions.Regex(System.Text.RegularExpressions.Regex.Escape(wanted))]);
        // The associate's card, not reloaded: the product is in the basket and the suggestion marked.
        await Expect(card.GetByTestId("basket-item")).ToHaveCountAsync(1);
        await Expect(card.GetByTestId("basket-item")).ToContainTextAsync(wanted);
        await Expect(card.GetByTestId("recorded")).ToHaveTextAsync(["in the basket"]);
        Assert.Equal(1, await EventsAsync(customer, InteractionType.AddedToBasket));

        // "Tell me more", then "Not for me" on the next one.
        var second = items.Nth(1);
        var secondName = (await second.Locator(".screen-item-name").InnerTextAsync()).Trim();
        await second.GetByTestId("customer-more").ClickAsync();
        var details = screen.GetByRole(AriaRole.Dialog);
        await Expect(details).ToContainTextAsync(secondName);
        await screen.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "customer-screen-details-1024x768.png") });
        await details.GetByTestId("details-close").ClickAsync();
        await Expect(details).ToHaveCountAsync(0);
        await second.GetByTestId("customer-not-for-me").ClickAsync();
        await Expect(second.GetByTestId("customer-noted")).ToBeVisibleAsync();
        await Expect(card.GetByTestId("recorded")).ToHaveTextAsync(["in the basket", "not for me"]);
        Assert.Equal(1, await EventsAsync(customer, InteractionType.Dismissed));

        // Both tablet sizes: nothing wider than the screen, the answers within reach.
        foreach (var (width, height) in new[] { (1024, 768), (768, 1024) })
        {
            await screen.SetViewportSizeAsync(width, height);
            await Expect(screen.GetByTestId("customer-together-item").First).ToBeVisibleAsync();
            Assert.True(await screen.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"wider than {width} px");
            var add = (await items.Nth(2).GetByTestId("customer-add").BoundingBoxAsync())!;
            Assert.True(add.Height >= 40 && add.X + add.Width <= width, $"the Add button at {width}x{height}: {add.Width}x{add.Height} at {add.X}");
            await screen.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, $"customer-screen-{width}x{height}.png"), FullPage = true });
        }
        var shown = await screen.InnerTextAsync("body");
        Assert.DoesNotContain("RetailRecs", shown); // no staff menu or app bar

        // Close returns this window to the associate's view of the same visit.
        await screen.GetByTestId("back").ClickAsync();
        await Expect(screen.GetByTestId("basket-item")).ToContainTextAsync(wanted);
        await Expect(screen.GetByTestId("suggestion")).ToHaveCountAsync(10);
        await Expect(screen.GetByTestId("recorded")).ToHaveTextAsync(["in the basket"]);
        // A fresh list: the product the customer turned down is never suggested to them again.
        await Expect(screen.GetByTestId("suggestion").Filter(new() { HasText = secondName })).ToHaveCountAsync(0);
        Assert.Equal(1, await EventsAsync(customer, InteractionType.AddedToBasket));
    }
}
