using Bunit;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>The basket at the counter (bUnit) over the app's product search on a real SQLite file: a scanner types a code and Enter.</summary>
public class BasketBuilderTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly List<BasketItem> _added = [];
    private Product _heart = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        _heart = new Product { Sku = "85123A", Name = "WHITE HANGING HEART T-LIGHT HOLDER", UnitPrice = 2.55m };
        await using (var db = _database.CreateContext())
        {
            db.Products.AddRange(_heart, new Product { Sku = "POST", Name = "POSTAGE", UnitPrice = 18m, IsNonMerchandise = true });
            await db.SaveChangesAsync();
        }
        Services.AddLogging();
        Services.AddRetailRecsCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = _database.FilePath }, null,
            new SeedOptions(), Path.GetDirectoryName(_database.FilePath)!);
        SignInAs(StaffRoles.Associate);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    private IRenderedComponent<BasketBuilder> RenderBasket(params BasketItem[] items) =>
        Render<BasketBuilder>(p => p.Add(c => c.CustomerId, 1).Add(c => c.Items, items).Add(c => c.OnAdd, (BasketItem item) => _added.Add(item)));

    private static void Scan(IRenderedComponent<BasketBuilder> basket, string code)
    {
        basket.Find("input").Input(code);
        basket.Find("input").KeyDown(new KeyboardEventArgs { Key = "Enter" });
    }

    [Fact]
    public void Enter_ExactCodeInAnotherCase_AddsThatProductOnce_AndClearsTheField()
    {
        var basket = RenderBasket();

        Scan(basket, "85123a");

        basket.WaitForAssertion(() => Assert.Equal([new BasketItem(_heart.Id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m)], _added));
        basket.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(basket.Find("input").GetAttribute("value"))));
        Assert.Empty(basket.FindAll("[data-testid=search-option]"));
    }

    [Fact]
    public void Enter_CodeAlreadyInTheBasketOrNotMerchandise_AddsNothing()
    {
        var basket = RenderBasket(new BasketItem(_heart.Id, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m));
        basket.WaitForAssertion(() => Assert.Single(basket.FindAll("[data-testid=basket-item]")));

        Scan(basket, "85123A");
        basket.WaitForAssertion(() => Assert.True(string.IsNullOrEmpty(basket.Find("input").GetAttribute("value"))));
        Scan(basket, "POST");

        // Postage is no product a customer takes home: the code finds nothing, and the text stays to be corrected.
        basket.WaitForAssertion(() => Assert.Equal("POST", basket.Find("input").GetAttribute("value")));
        Assert.Empty(_added);
    }
}
