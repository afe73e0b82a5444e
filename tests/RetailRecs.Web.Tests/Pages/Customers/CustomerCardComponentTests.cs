using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>The customer card rendered as a component (bUnit) over the real domain services and a real SQLite file.</summary>
public class CustomerCardComponentTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>Seeds a real SQLite file, then gives the component the app's own services over that file.</summary>
    private async Task<Customer> SeedAsync(bool segmented)
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        var candle = new Product { Sku = "C1", Name = "SCENTED CANDLE", UnitPrice = 3m, Category = "Candles" };
        var ada = new Customer { CustomerCode = "17850", FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Phone = "07700 900123" };
        var order = new Order { InvoiceNumber = "536365", Customer = ada, PlacedAt = new DateTime(2011, 3, 1, 10, 0, 0),
            Lines = [new OrderLine { LineNumber = 1, Product = candle, Quantity = 6, UnitPrice = 3m }] };
        order.RefreshTotals();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        if (segmented)
        {
            var run = new SegmentationRun { Status = ModelRunStatus.Succeeded, IsCurrent = true, StartedBy = "test", K = 1, AsOf = new DateOnly(2011, 12, 9) };
            var segment = new Segment { Run = run, Number = 0, Name = "Candle lovers", GeneratedName = "At risk" };
            db.AddRange(run, segment);
            await db.SaveChangesAsync();
            db.CustomerSegments.Add(new CustomerSegment
            {
                RunId = run.Id, CustomerId = ada.Id, SegmentId = segment.Id,
                RecencyScore = 2, FrequencyScore = 3, MonetaryScore = 4, RfmSegment = "At risk",
            });
            await db.SaveChangesAsync();
        }
        return ada;
    }

    [Fact]
    public async Task Render_AsAssociate_ShowsMaskedContactDetailsTheSegmentRfmAndFavouriteCategory()
    {
        var ada = await SeedAsync(segmented: true);
        SignInAs(StaffRoles.Associate);

        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada.Id));

        card.WaitForAssertion(() => Assert.Contains("Ada Lovelace", card.Markup));
        Assert.DoesNotContain("ada@example.com", card.Markup);
        Assert.Contains("a•••@example.com", card.Find("[data-testid=email]").TextContent);
        Assert.DoesNotContain("900123", card.Find("[data-testid=phone]").TextContent);
        var segment = card.Find("[data-testid=segment]").TextContent;
        Assert.Contains("Candle lovers", segment);
        Assert.Contains("RFM 234 · At risk", segment);
        Assert.Contains("Candles", segment);
        // Product names read as everywhere else on the card (the catalog's capitals are not shouted at the associate).
        Assert.Contains("Scented Candle", card.Markup);
        Assert.DoesNotContain("SCENTED CANDLE", card.Markup);
    }

    [Fact]
    public async Task Render_AsManager_ShowsContactDetailsInFullAndAnUnsegmentedCustomerSaysSo()
    {
        var ada = await SeedAsync(segmented: false);
        SignInAs(StaffRoles.Manager);

        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada.Id));

        card.WaitForAssertion(() => Assert.Contains("ada@example.com", card.Find("[data-testid=email]").TextContent));
        Assert.Contains("07700 900123", card.Find("[data-testid=phone]").TextContent);
        Assert.Contains("Not in a segment yet", card.Find("[data-testid=segment]").TextContent);
    }

    [Fact]
    public async Task Render_WithoutATrainedModel_SuggestionsSaySoAndTheBasketStartsEmpty()
    {
        var ada = await SeedAsync(segmented: false);
        SignInAs(StaffRoles.Associate);

        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada.Id));

        card.WaitForAssertion(() => Assert.Contains("Empty. Add what the customer is buying", card.Find("[data-testid=basket]").TextContent));
        Assert.Empty(card.FindAll("[data-testid=suggestion]"));
        // The screen turned to the customer is bound to this visit (CounterVisits), held once the card has connected.
        card.WaitForAssertion(() => Assert.Matches($"^/customers/{ada.Id}/show\\?visit=[0-9A-F]{{32}}$", card.Find("[data-testid=show-to-customer]").GetAttribute("href")));
    }

    [Fact]
    public async Task Render_SaleForThatCustomerArrives_UpdatesItsSuggestions()
    {
        var ada = await SeedAsync(segmented: false);
        SignInAs(StaffRoles.Associate);
        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, ada.Id));
        card.WaitForAssertion(() => Assert.Contains("Ada Lovelace", card.Markup));
        Assert.Empty(card.FindAll("[data-testid=live-update]"));
        var live = Services.GetRequiredService<RetailRecs.Core.Recommendations.Live.LiveUpdates>();

        live.Notify(ada.Id + 1000); // someone else: nothing changes here
        live.AddSale(ada.Id, DateOnly.FromDateTime(DateTime.Today).DayNumber, new Dictionary<int, float> { [1] = 1 });

        card.WaitForAssertion(() => Assert.Contains("after a new sale", card.Find("[data-testid=live-update]").TextContent));
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The renderer and its services first (they hold connections), then the database file.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
