using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>
/// The screen turned to the customer (bUnit) over the app's services, the demo data and a trained model in a real SQLite
/// file: bound to the visit that opened it, no sensitive product, each answer recorded once and shown on the card.
/// </summary>
public class ShowToCustomerPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private const string Staff = "user-1"; // the signed-in member of staff (StaffComponentTestContext)
    private TestDatabase? _database;

    private async Task<int[]> TrainedDemoAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        return await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2)
            .OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToArrayAsync();
    }

    private async Task<int> EventsAsync(int customerId, InteractionType type, string? source = null)
    {
        await using var db = _database!.CreateContext();
        return await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == type && (source == null || e.Source == source));
    }

    private IRenderedComponent<ShowToCustomerPage> RenderScreen(int customerId, string? visitId, string? mode = null)
    {
        // The query string is read from the address, as in the app.
        Services.GetRequiredService<NavigationManager>().NavigateTo(
            $"/customers/{customerId}/show?visit={visitId}{(mode is null ? "" : $"&mode={mode}")}");
        return Render<ShowToCustomerPage>(p => p.Add(c => c.Id, customerId));
    }

    [Fact]
    public async Task Render_VisitOfAnotherCustomerOrStaffOrUnknown_ShowsAndRecordsNothing()
    {
        var customers = await TrainedDemoAsync();
        var (ada, bob) = (customers[0], customers[1]);
        SignInAs(StaffRoles.Associate);
        var visits = Services.GetRequiredService<CounterVisits>();
        var adasVisit = visits.Attach(CounterVisit.Start(ada), Staff)!.VisitId;
        var colleaguesVisit = visits.Attach(CounterVisit.Start(ada), "user-2")!.VisitId;

        foreach (var (customer, visit) in new[] { (bob, adasVisit), (ada, colleaguesVisit), (ada, CounterVisit.NewId()), (ada, "") })
        {
            var screen = RenderScreen(customer, visit);
            Assert.NotNull(screen.Find("[data-testid=not-linked]"));
            Assert.Empty(screen.FindAll("[data-testid=customer-item]"));
        }
        Assert.Equal(0, await EventsAsync(ada, InteractionType.Shown) + await EventsAsync(bob, InteractionType.Shown));
        // Those screens would follow the next address too (their query parameters change), as no page does in the app,
        // where a new address is a new page: closed, so the count below is this one screen's.
        await DisposeComponentsAsync();

        // The visit it was opened from: Ada's suggestions, recorded as shown once.
        var own = RenderScreen(ada, adasVisit);
        own.WaitForAssertion(() => Assert.Equal(10, own.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(async () => Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source)));
        Assert.Equal(0, await EventsAsync(bob, InteractionType.Shown));
    }

    [Fact]
    public async Task Render_SensitiveProductTheCustomerBought_NeitherSuggestedNorNamedInTheBasket_DataTextNotHtml()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var replenish = await Services.GetRequiredService<RecommendationService>().ForCustomerAsync(ada, SuggestionMode.Replenishment);
        var bought = replenish.Items.First(s => s.BoughtBefore);
        var other = replenish.Items.First(s => s.ProductId != bought.ProductId);
        await using (var db = _database!.CreateContext())
        {
            await db.Products.Where(p => p.Id == bought.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.IsSensitive, true));
            await db.Products.Where(p => p.Id == other.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.Name, "<b>Tea</b> jar"));
        }
        var visit = CounterVisit.Start(ada)
            .With(new BasketItem(bought.ProductId, bought.Sku, bought.Name, bought.Price))
            .With(new BasketItem(other.ProductId, other.Sku, "<b>Tea</b> jar", other.Price));
        Services.GetRequiredService<CounterVisits>().Attach(visit, Staff);
        // The card's own list still holds it: the customer bought it themselves.
        Assert.Contains((await Services.GetRequiredService<RecommendationService>().ForCustomerAsync(ada, SuggestionMode.Replenishment)).Items,
            s => s.ProductId == bought.ProductId);

        var screen = RenderScreen(ada, visit.VisitId, "replenishment");

        screen.WaitForAssertion(() => Assert.NotEmpty(screen.FindAll("[data-testid=customer-item]")), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(ReasonText.Name(bought.Name), screen.Markup);
        Assert.DoesNotContain(bought.Name, screen.Markup);
        Assert.Equal("and 1 more", screen.Find("[data-testid=customer-basket-more]").TextContent.Trim());
        var basket = screen.Find("[data-testid=customer-basket]");
        Assert.Contains("<b>Tea</b> jar", basket.TextContent);
        Assert.Empty(basket.QuerySelectorAll("b"));
        await using var check = _database!.CreateContext();
        Assert.False(await check.InteractionEvents.AnyAsync(e => e.CustomerId == ada && e.ProductId == bought.ProductId && e.Source == ShowToCustomerPage.Source));
    }

    [Fact]
    public async Task AddAndNotForMe_TappedTwice_RecordedOnce_AndTheCardShowsThemWithoutAReload()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada));
        card.WaitForAssertion(() => Assert.Equal(10, card.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        string? href = null;
        card.WaitForAssertion(() => Assert.Contains("visit=", href = card.Find("[data-testid=show-to-customer]").GetAttribute("href")));
        var visitId = Uri.UnescapeDataString(href!.Split("visit=")[1].Split('&')[0]);
        await Eventually.AssertAsync(async () => Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown)));

        // The customer's screen, as a second circuit would render it: the same list, so no second showing.
        var screen = RenderScreen(ada, visitId);
        screen.WaitForAssertion(() => Assert.Equal(10, screen.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown));
        var items = screen.FindComponents<CustomerScreenItem>();
        var (added, declined) = (items[0].Instance.Item, items[1].Instance.Item);

        // Tapped twice at once: one answer each.
        await screen.InvokeAsync(() => Task.WhenAll(items[0].Instance.OnAdd.InvokeAsync(), items[0].Instance.OnAdd.InvokeAsync()));
        await screen.InvokeAsync(() => Task.WhenAll(items[1].Instance.OnNotForMe.InvokeAsync(), items[1].Instance.OnNotForMe.InvokeAsync()));

        Assert.Equal(1, await EventsAsync(ada, InteractionType.AddedToBasket, ShowToCustomerPage.Source));
        Assert.Equal(1, await EventsAsync(ada, InteractionType.Dismissed, ShowToCustomerPage.Source));
        Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, "lookup")); // the card re-rendered; it showed no new suggestions
        Assert.Equal(0, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source));
        // The card: the product in the basket, both answers marked.
        card.WaitForAssertion(() => Assert.Contains(ReasonText.Name(added.Name), card.Find("[data-testid=basket-items]").TextContent));
        card.WaitForAssertion(() =>
        {
            var marks = card.FindAll("[data-testid=suggestion]").Select(s => s.TextContent).ToList();
            Assert.Contains(marks, m => m.Contains(ReasonText.Name(added.Name)) && m.Contains("in the basket"));
            Assert.Contains(marks, m => m.Contains(ReasonText.Name(declined.Name)) && m.Contains(ShowToCustomerPage.NotForMeMark));
        });
        // The customer's screen: the product in their basket and what goes with it; the other one noted.
        screen.WaitForAssertion(() => Assert.Single(screen.FindAll("[data-testid=customer-basket-item]")));
        Assert.Single(screen.FindAll("[data-testid=customer-noted]"));
        screen.WaitForAssertion(() => Assert.NotEmpty(screen.FindAll("[data-testid=customer-together-item]")), TimeSpan.FromSeconds(30));
        // "Not for me" is the associate's "not interested": never suggested to this customer again.
        var next = await Services.GetRequiredService<RecommendationService>().ForCustomerAsync(ada);
        Assert.DoesNotContain(next.Items, s => s.ProductId == declined.ProductId);
    }

    [Fact]
    public async Task NotInterestedOnTheCard_CustomerScreenOpen_DropsTheProductThereWithoutAReload_RecordedOnce()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada));
        card.WaitForAssertion(() => Assert.Equal(10, card.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        string? href = null;
        card.WaitForAssertion(() => Assert.Contains("visit=", href = card.Find("[data-testid=show-to-customer]").GetAttribute("href")));
        var visitId = Uri.UnescapeDataString(href!.Split("visit=")[1].Split('&')[0]);
        // The card records its list just after showing it, off the circuit's thread; an associate turns the screen
        // later than that, but a test can open it within those milliseconds, and the screen would then find no list
        // recorded and record its own (a CI run saw 10 'shown' from the screen here).
        await Eventually.AssertAsync(async () => Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, "lookup")));
        var screen = RenderScreen(ada, visitId);
        screen.WaitForAssertion(() => Assert.Equal(10, screen.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        var dropped = screen.FindComponents<CustomerScreenItem>()[0].Instance.Item;

        // The associate taps "Not interested" on that product on the card. Found and clicked on the renderer's thread:
        // the card's panel re-renders once its list is recorded as shown, which can fall between a find and a click.
        await card.InvokeAsync(() => card.FindAll("[data-testid=suggestion]").Single(s => s.TextContent.Contains(ReasonText.Name(dropped.Name)))
            .QuerySelector("[data-testid=dismiss]")!.Click());

        screen.WaitForAssertion(() => Assert.Equal(9, screen.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(screen.FindComponents<CustomerScreenItem>(), i => i.Instance.Item.ProductId == dropped.ProductId);
        Assert.Empty(screen.FindAll("[data-testid=customer-noted]")); // dropped, not shown as the customer's own answer
        card.WaitForAssertion(() => Assert.DoesNotContain(card.FindAll("[data-testid=suggestion]"), s => s.TextContent.Contains(ReasonText.Name(dropped.Name))),
            TimeSpan.FromSeconds(30));
        Assert.Equal(1, await EventsAsync(ada, InteractionType.Dismissed));
        Assert.Equal(1, await EventsAsync(ada, InteractionType.Dismissed, "lookup"));
        Assert.Equal(0, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source)); // the screen showed no new list
    }

    private async Task<List<(string Source, DateTime At, int Products)>> BasketListsShownAsync(int customerId)
    {
        await using var db = _database!.CreateContext();
        var events = await db.InteractionEvents
            .Where(e => e.CustomerId == customerId && e.Type == InteractionType.Shown && ShownLists.BasketSources.Contains(e.Source))
            .Select(e => new { e.Source, e.OccurredAt }).ToListAsync();
        return events.GroupBy(e => (e.Source, e.OccurredAt)).Select(g => (g.Key.Source, g.Key.OccurredAt, g.Count())).ToList();
    }

    [Fact]
    public async Task BasketList_ShownOnTheCardThenOnTheCustomerScreen_RecordedOncePerBasket_AndAnAddFromItCarriesItsSource()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada));
        card.WaitForAssertion(() => Assert.Equal(10, card.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        string? href = null;
        card.WaitForAssertion(() => Assert.Contains("visit=", href = card.Find("[data-testid=show-to-customer]").GetAttribute("href")));
        var visitId = Uri.UnescapeDataString(href!.Split("visit=")[1].Split('&')[0]);
        Assert.Empty(await BasketListsShownAsync(ada));

        // The associate puts a suggestion in the basket: what goes with it appears on the card, one showing. Found and
        // clicked on the renderer's thread (the panel may re-render once its list is recorded as shown).
        await card.InvokeAsync(() => card.FindAll("[data-testid=suggestion]")[0].QuerySelector("button[aria-label^='Added ']")!.Click());
        card.WaitForAssertion(() => Assert.NotEmpty(card.FindAll("[data-testid=basket-suggestion]")), TimeSpan.FromSeconds(30));
        var onCard = card.FindAll("[data-testid=basket-suggestion]").Count;
        await Eventually.AssertAsync(async () => Assert.Equal([(ShownLists.CardBasketSource, onCard)], (await BasketListsShownAsync(ada)).Select(l => (l.Source, l.Products))));

        // The same basket on the customer's screen, and the card rendered again: the same showing, nothing more.
        var screen = RenderScreen(ada, visitId);
        screen.WaitForAssertion(() => Assert.NotEmpty(screen.FindAll("[data-testid=customer-together-item]")), TimeSpan.FromSeconds(30));
        card.Render();
        Assert.Single(await BasketListsShownAsync(ada));

        // The customer adds from it on their screen: a new basket, so a new list, recorded once (by whichever screen
        // showed it first), and the add is told apart as coming from the basket list.
        var together = screen.FindComponents<CustomerScreenItem>()
            .First(i => i.Instance.Attributes?.GetValueOrDefault("data-testid") as string == "customer-together-item" && !i.Instance.InBasket);
        await screen.InvokeAsync(() => together.Instance.OnAdd.InvokeAsync());
        card.WaitForAssertion(() => Assert.Equal(2, card.FindAll("[data-testid=basket-item]").Count), TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(async () => Assert.Equal(2, (await BasketListsShownAsync(ada)).Count));
        Assert.Equal(1, await EventsAsync(ada, InteractionType.AddedToBasket, ShownLists.ScreenBasketSource));
        Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, "lookup"));
        Assert.Equal(0, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source));
    }

    /// <summary>The first demo customer's screen, open at the counter with their ten suggestions recorded as shown.</summary>
    private async Task<(int Ada, IRenderedComponent<ShowToCustomerPage> Screen)> ScreenShowingTenAsync()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var visit = Services.GetRequiredService<CounterVisits>().Attach(CounterVisit.Start(ada), Staff)!;
        var screen = RenderScreen(ada, visit.VisitId);
        screen.WaitForAssertion(() => Assert.Equal(10, screen.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        await Eventually.AssertAsync(async () => Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source)));
        return (ada, screen);
    }

    [Fact]
    public async Task NewSaleOrEvent_ScreenOpen_RefreshesTheSuggestionsWithoutAReload_RecordingOnlyAListThatChanged()
    {
        var (ada, screen) = await ScreenShowingTenAsync();
        var live = Services.GetRequiredService<RetailRecs.Core.Recommendations.Live.LiveUpdates>();

        // An event that changes nothing the screen shows: the same list, no new showing.
        live.Notify(ada);
        screen.WaitForAssertion(() => Assert.Equal("1", screen.Find(".customer-screen").GetAttribute("data-refreshes")), TimeSpan.FromSeconds(30));
        Assert.Equal(10, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source));

        // A till reports the customer turned the first product down: the screen drops it at once, and shows a new list.
        var first = screen.FindComponents<CustomerScreenItem>()[0].Instance.Item;
        await Services.GetRequiredService<InteractionRecorder>().RecordAsync(ada, [first.ProductId], InteractionType.Dismissed, "api:pos", null, null);
        live.Notify(ada);

        screen.WaitForAssertion(() => Assert.Equal("2", screen.Find(".customer-screen").GetAttribute("data-refreshes")), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(screen.FindComponents<CustomerScreenItem>(), i => i.Instance.Item.ProductId == first.ProductId);
        Assert.Equal(10, screen.FindAll("[data-testid=customer-item]").Count);
        Assert.Equal(20, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source));
    }

    /// <summary>
    /// One request of a store system with a sale and a basket event for the customer tells the screen twice, back to
    /// back: the two refreshes show the same new list, which is one showing.
    /// </summary>
    [Fact]
    public async Task TwoEventsAtOnce_ScreenOpen_RecordsTheNewListOnce()
    {
        var (ada, screen) = await ScreenShowingTenAsync();
        var live = Services.GetRequiredService<RetailRecs.Core.Recommendations.Live.LiveUpdates>();
        var first = screen.FindComponents<CustomerScreenItem>()[0].Instance.Item;
        await Services.GetRequiredService<InteractionRecorder>().RecordAsync(ada, [first.ProductId], InteractionType.Dismissed, "api:pos", null, null);

        live.Notify(ada);
        live.Notify(ada);

        screen.WaitForAssertion(() => Assert.Equal("2", screen.Find(".customer-screen").GetAttribute("data-refreshes")), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain(screen.FindComponents<CustomerScreenItem>(), i => i.Instance.Item.ProductId == first.ProductId);
        Assert.Equal(20, await EventsAsync(ada, InteractionType.Shown, ShowToCustomerPage.Source));
    }

    [Fact]
    public async Task Render_ProductWithAPictureInTheCatalog_ShowsItBesideTheName_AndOthersWithout()
    {
        var ada = (await TrainedDemoAsync())[0];
        SignInAs(StaffRoles.Associate);
        var visit = Services.GetRequiredService<CounterVisits>().Attach(CounterVisit.Start(ada), Staff)!;
        var first = RenderScreen(ada, visit.VisitId);
        first.WaitForAssertion(() => Assert.Equal(10, first.FindAll("[data-testid=customer-item]").Count), TimeSpan.FromSeconds(30));
        Assert.Empty(first.FindAll("[data-testid=customer-picture]"));
        var pictured = first.FindComponents<CustomerScreenItem>()[1].Instance.Item;
        await using (var db = _database!.CreateContext())
        {
            await db.Products.Where(p => p.Id == pictured.ProductId).ExecuteUpdateAsync(u => u.SetProperty(p => p.PictureUrl, "https://images.example-shop.com/a\"b.jpg"));
        }

        var screen = RenderScreen(ada, visit.VisitId);

        screen.WaitForAssertion(() => Assert.Single(screen.FindAll("[data-testid=customer-picture]")), TimeSpan.FromSeconds(30));
        var item = screen.FindAll("[data-testid=customer-item]")[1];
        Assert.Equal("https://images.example-shop.com/a\"b.jpg", item.QuerySelector("img")!.GetAttribute("src"));
        Assert.Equal("", item.QuerySelector("img")!.GetAttribute("alt")); // the name beside it is the text
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
