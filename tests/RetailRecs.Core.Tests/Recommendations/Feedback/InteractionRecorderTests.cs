using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Feedback;

/// <summary>Lists recorded as shown, against a real SQLite file: one "shown" event per product per list shown.</summary>
public class InteractionRecorderTests
{
    private static SuggestionList ListOf(params Product[] products) => new(null, "test", false,
        products.Select((p, i) => new Suggestion(p.Id, p.Sku, p.Name, p.UnitPrice, null, products.Length - i, "Best seller", EvidenceKind.BestSeller, false)).ToList());

    [Fact]
    public async Task RecordShownAsync_TheSameListOnAnotherScreen_IsNotASecondShowing_ButAListThatChangedIs()
    {
        await using var database = await TestDatabase.CreateAsync();
        var products = Enumerable.Range(1, 4).Select(i => new Product { Sku = $"P{i}", Name = $"PRODUCT {i}", UnitPrice = i }).ToArray();
        var customer = new Customer { CustomerCode = "C1" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(products);
            db.Add(customer);
            await db.SaveChangesAsync();
        }
        var recorder = database.Get<InteractionRecorder>();
        async Task<int> ShownAsync()
        {
            await using var db = database.CreateContext();
            return await db.InteractionEvents.CountAsync(e => e.CustomerId == customer.Id && e.Type == InteractionType.Shown);
        }

        Assert.True(await recorder.RecordShownAsync(customer.Id, ListOf(products[0], products[1], products[2]), "lookup", "staff-1"));
        Assert.Equal(3, await ShownAsync());

        // Turned to the customer: the same products, in another order, are the list the card recorded.
        Assert.False(await recorder.RecordShownAsync(customer.Id, ListOf(products[2], products[1], products[0]), "show", "staff-1", unlessAlreadyShown: true));
        Assert.Equal(3, await ShownAsync());
        // The customer's screen leaves out what it may not show them (their own sensitive purchase): part of the same list.
        Assert.False(await recorder.RecordShownAsync(customer.Id, ListOf(products[2], products[0]), "show", "staff-1", unlessAlreadyShown: true));
        Assert.Equal(3, await ShownAsync());

        Assert.True(await recorder.RecordShownAsync(customer.Id, ListOf(products[0], products[1], products[3]), "show", "staff-1", unlessAlreadyShown: true));
        Assert.Equal(6, await ShownAsync());

        // Without the option (a new page view on the card) the same list is a new showing.
        Assert.True(await recorder.RecordShownAsync(customer.Id, ListOf(products[0], products[1], products[3]), "lookup", "staff-1"));
        Assert.Equal(9, await ShownAsync());
    }

    [Fact]
    public async Task RecordShownAsync_ABasketListShownInBetween_DoesNotMakeTheSameSuggestionsANewShowing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var products = Enumerable.Range(1, 4).Select(i => new Product { Sku = $"P{i}", Name = $"PRODUCT {i}", UnitPrice = i }).ToArray();
        var customer = new Customer { CustomerCode = "C1" };
        await using (var db = database.CreateContext())
        {
            db.AddRange(products);
            db.Add(customer);
            await db.SaveChangesAsync();
        }
        var recorder = database.Get<InteractionRecorder>();
        Assert.True(await recorder.RecordShownAsync(customer.Id, ListOf(products[0], products[1]), "lookup", "staff-1"));
        await Task.Delay(5); // a later list has a later timestamp, as at the counter
        Assert.True(await recorder.RecordShownAsync(customer.Id, ListOf(products[3]), ShownLists.CardBasketSource, "staff-1"));

        // Turned to the customer: their suggestions are still the list the card showed; the basket's list is another kind.
        Assert.False(await recorder.RecordShownAsync(customer.Id, ListOf(products[1], products[0]), "show", "staff-1", unlessAlreadyShown: true));
        await using var check = database.CreateContext();
        Assert.Equal(3, await check.InteractionEvents.CountAsync(e => e.CustomerId == customer.Id && e.Type == InteractionType.Shown));
    }
}
