using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations.Serving;

public class SuggestionsByCodeTests
{
    /// <summary>One customer (C-17) and one product (85123A), no model.</summary>
    private static async Task<TestDatabase> WithOneCustomerAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await using var db = database.CreateContext();
        db.Customers.Add(new Customer { CustomerCode = "C-17" });
        db.Products.Add(Builders.Product("85123A", "White Hanging Heart T-Light Holder"));
        await db.SaveChangesAsync();
        return database;
    }

    [Fact]
    public async Task ForCustomerAsync_CodeAsATillSendsIt_IsTheListForThatCustomer()
    {
        await using var database = await WithOneCustomerAsync();
        await using var db = database.CreateContext();
        var customerId = db.Customers.Single(c => c.CustomerCode == "C-17").Id;

        var outcome = await database.Get<SuggestionsByCode>().ForCustomerAsync(" C-17 ", SuggestionMode.Discovery, 10);

        // No model trained here: the list says so, and it is still the customer's (for its exposure in an experiment).
        Assert.Equal(new SuggestionsOutcome.Suggested(SuggestionList.NoModel, customerId), outcome);
    }

    [Fact]
    public async Task ForCustomerAsync_CodeNobodyStored_IsUnknownCustomer()
    {
        await using var database = await WithOneCustomerAsync();

        Assert.Equal(new SuggestionsOutcome.UnknownCustomer("C-18"), await database.Get<SuggestionsByCode>().ForCustomerAsync("C-18", SuggestionMode.Discovery, 10));
    }

    [Fact]
    public async Task BoughtTogetherAndSimilarAsync_SkuNobodyStored_IsUnknownProduct()
    {
        await using var database = await WithOneCustomerAsync();
        var suggestions = database.Get<SuggestionsByCode>();

        Assert.Equal(new SuggestionsOutcome.UnknownProduct("22423"), await suggestions.BoughtTogetherAsync("22423", 10));
        Assert.Equal(new SuggestionsOutcome.UnknownProduct("22423"), await suggestions.SimilarAsync("22423", 10));
    }

    [Fact]
    public async Task ForBasketAsync_UnknownCustomerNoKnownSkuOrBlankCustomer_EachAnsweredAsSuch()
    {
        await using var database = await WithOneCustomerAsync();
        var suggestions = database.Get<SuggestionsByCode>();

        Assert.Equal(new SuggestionsOutcome.UnknownCustomer("C-18"), await suggestions.ForBasketAsync(["85123A"], "C-18", 10));
        Assert.IsType<SuggestionsOutcome.NoKnownProduct>(await suggestions.ForBasketAsync(["22423"], "C-17", 10));
        // A blank customer code is an anonymous basket: no customer to leave anything out for.
        Assert.Equal(new SuggestionsOutcome.Suggested(SuggestionList.NoModel), await suggestions.ForBasketAsync(["85123A"], " ", 10));
    }
}
