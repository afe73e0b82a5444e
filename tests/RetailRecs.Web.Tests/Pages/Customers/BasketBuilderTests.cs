using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>
/// The basket at the counter (bUnit) over the app's services on a real SQLite file: a scanner types a code and Enter, a chip
/// is removed, and what goes with the basket (the demo data and a trained model) is added from its list.
/// </summary>
public class BasketBuilderTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<BasketItem> _added = [];
    private readonly List<BasketItem> _removed = [];
    private Product _heart = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        SignInAs(StaffRoles.Associate);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    /// <summary>A product and postage: enough for the search, no sales and no model.</summary>
    private async Task TwoProductsAsync()
    {
        _heart = new Product { Sku = "85123A", Name = "WHITE HANGING HEART T-LIGHT HOLDER", UnitPrice = 2.55m };
        await using var db = _database.CreateContext();
        db.Products.AddRange(_heart, new Product { Sku = "POST", Name = "POSTAGE", UnitPrice = 18m, IsNonMerchandise = true });
        await db.SaveChangesAsync();
    }

    private IRenderedComponent<BasketBuilder> RenderBasket(params BasketItem[] items) =>
        Render<BasketBuilder>(p => p.Add(c => c.CustomerId, 1).Add(c => c.Items, items).Add(c => c.OnAdd, (BasketItem item) => _added.Add(item))
            .Add(c => c.OnRemove, (BasketItem item) => _removed.Add(item)));

    private async Task<int> EventsAsync(InteractionType type)
    {
        await using var db = _database.CreateContext();
        return await db.InteractionEvents.CountAsync(e => e.Type == type);
    }

    /// <summary>The demo data with a trained model; the product bought most often (so the model knows what goes with it) and a customer.</summary>
    private async Task<(BasketItem InBasket, int CustomerId)> BestSellerInTheBasketAsync()
    {
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        await using var db = _database.CreateContext();
        var top = await db.OrderLines.Where(l => !l.Product!.IsNonMerchandise).GroupBy(l => l.ProductId)
            .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var product = await db.Products.SingleAsync(p => p.Id == top);
        var customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
        return (new BasketItem(product.Id, product.Sku, product.Name, product.UnitPrice), customerId);
    }

    /// <summary>
    /// Types a code and Enter, and waits for the Enter's lookup: the field is empty while it runs, so no wait on the page
    /// tells that it ended, and on PostgreSQL one still running would clear the next scan's text.
    /// </summary>
    private static async Task ScanAsync(IRenderedComponent<BasketBuilder> basket, string code)
    {
        basket.Find("input").Input(code);
        await basket.Find("input").KeyDownAsync(new KeyboardEventArgs { Key = "Enter" });
    }

    [Fact]
    public async Task Enter_ExactCodeInAnotherCase_AddsThatProductOnce_AndClearsTheField()
    {
        await TwoProductsAsync();
        var basket = RenderBasket();

        await ScanAsync(basket, "85123a");

        basket.WaitForAssertion(() => Assert.Equal([new BasketItem(_heart.Id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m)], _added));
        basket.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(basket.Find("input").GetAttribute("value"))));
        Assert.Empty(basket.FindAll("[data-testid=search-option]"));
    }

    [Fact]
    public async Task Enter_CodeAlreadyInTheBasketOrNotMerchandise_AddsNothing()
    {
        await TwoProductsAsync();
        var basket = RenderBasket(new BasketItem(_heart.Id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m));
        basket.WaitForAssertion(() => Assert.Single(basket.FindAll("[data-testid=basket-item]")));

        await ScanAsync(basket, "85123A");
        basket.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(basket.Find("input").GetAttribute("value"))));
        await ScanAsync(basket, "POST");

        // Postage is no product a customer takes home: the code finds nothing, and the text stays to be corrected.
        basket.WaitForAssertion(() => Assert.Equal("POST", basket.Find("input").GetAttribute("value")));
        Assert.Empty(_added);
    }

    [Fact]
    public async Task Remove_SecondChip_TellsTheCardThatProduct_AndRecordsNothing()
    {
        await TwoProductsAsync();
        var cup = new BasketItem(_heart.Id + 100, "22423", "REGENCY CAKESTAND 3 TIER", 12.75m); // the card owns the list; the id is only passed back
        var basket = RenderBasket(new BasketItem(_heart.Id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m), cup);
        basket.WaitForAssertion(() => Assert.Equal(2, basket.FindAll("[data-testid=basket-item]").Count));

        // Found and clicked on the renderer's thread: on PostgreSQL the basket may re-render between the two.
        await basket.InvokeAsync(() => basket.FindAll("button[data-testid=remove-item]")[1].Click());

        basket.WaitForAssertion(() => Assert.Equal([cup], _removed));
        Assert.Empty(_added);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.InteractionEvents.CountAsync());
    }

    [Fact]
    public async Task AddSuggested_FromWhatGoesWithTheBasket_AddsItAndRecordsOneAddedToBasket_TheListShownOnce()
    {
        var (inBasket, customerId) = await BestSellerInTheBasketAsync();
        var basket = Render<BasketBuilder>(p => p.Add(c => c.CustomerId, customerId).Add(c => c.Items, [inBasket])
            .Add(c => c.OnAdd, (BasketItem item) => _added.Add(item)));
        basket.WaitForAssertion(() => Assert.NotEmpty(basket.FindAll("[data-testid=basket-suggestion]")), TimeSpan.FromSeconds(30));
        var listed = basket.FindAll("[data-testid=basket-suggestion]").Count;
        Assert.Equal(listed, await EventsAsync(InteractionType.Shown));

        string? label = null;
        await basket.InvokeAsync(() =>
        {
            var add = basket.Find("[data-testid=basket-suggestion] button");
            label = add.GetAttribute("aria-label");
            add.Click();
        });

        basket.WaitForAssertion(() => Assert.Single(_added));
        Assert.Equal($"Add {ProductName.Display(_added[0].Name)} to the basket", label);
        Assert.NotEqual(inBasket.ProductId, _added[0].ProductId);
        await using (var db = _database.CreateContext())
        {
            var added = await db.InteractionEvents.SingleAsync(e => e.Type == InteractionType.AddedToBasket);
            Assert.Equal((customerId, _added[0].ProductId, ShownLists.CardBasketSource), (added.CustomerId, added.ProductId, added.Source));
        }
        Assert.Equal(listed, await EventsAsync(InteractionType.Shown)); // adding is no new showing
    }

    /// <summary>A double tap on a tablet: the second arrived before the basket held the first, and recorded it again.</summary>
    [Fact]
    public async Task AddSuggested_DoubleTap_AddsAndRecordsOnce()
    {
        var (inBasket, customerId) = await BestSellerInTheBasketAsync();
        var basket = Render<BasketBuilder>(p => p.Add(c => c.CustomerId, customerId).Add(c => c.Items, [inBasket])
            .Add(c => c.OnAdd, (BasketItem item) => _added.Add(item)));
        basket.WaitForAssertion(() => Assert.NotEmpty(basket.FindAll("[data-testid=basket-suggestion]")), TimeSpan.FromSeconds(30));

        await basket.InvokeAsync(() =>
        {
            var add = basket.Find("[data-testid=basket-suggestion] button");
            _ = add.ClickAsync(new());
            _ = add.ClickAsync(new());
        });

        basket.WaitForAssertion(() => Assert.Single(_added));
        await Task.Delay(500); // a second add would have been recorded by now
        Assert.Single(_added);
        Assert.Equal(1, await EventsAsync(InteractionType.AddedToBasket));
    }

    [Fact]
    public async Task WhatGoesWithTheBasket_ProductTheCustomerDismissedEarlier_IsLeftOut()
    {
        var (inBasket, customerId) = await BestSellerInTheBasketAsync();
        IRenderedComponent<BasketBuilder> Show() => Render<BasketBuilder>(p => p.Add(c => c.CustomerId, customerId).Add(c => c.Items, [inBasket]));
        string[] Listed(IRenderedComponent<BasketBuilder> b) =>
            b.FindAll("[data-testid=basket-suggestion] button").Select(x => x.GetAttribute("aria-label")!).ToArray();
        var before = Show();
        before.WaitForAssertion(() => Assert.NotEmpty(before.FindAll("[data-testid=basket-suggestion]")), TimeSpan.FromSeconds(30));
        var first = Listed(before)[0];
        var firstId = (await _database.Get<RetailRecs.Core.Recommendations.Serving.RecommendationService>().BoughtTogetherAsync([inBasket.ProductId], 5)).Items[0].ProductId;

        // "Not for me" on an earlier visit (at the till, or on the card).
        await _database.Get<InteractionRecorder>().RecordAsync(customerId, [firstId], InteractionType.Dismissed, "api:pos", null, null);
        var after = Show();

        after.WaitForAssertion(() => Assert.NotEmpty(after.FindAll("[data-testid=basket-suggestion]")), TimeSpan.FromSeconds(30));
        Assert.Contains(first, Listed(before));
        Assert.DoesNotContain(first, Listed(after));
    }
}
