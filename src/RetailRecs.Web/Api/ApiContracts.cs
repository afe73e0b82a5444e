using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Api;

// The API's JSON, as store systems send and read it. Core takes and returns its own types; these records are the
// contract, kept apart so that a change inside Core cannot change what a till sends or reads.

/// <summary>
/// One event from a store system. Types: "purchase" (a sales line: productId, quantity, unitPrice, invoice to group
/// lines into one basket), "basket_add", "shown", "accepted", "dismissed" (what happened to a suggestion).
/// Ids are the retailer's own: the customer code and the product SKU.
/// </summary>
public sealed record ApiEvent(string? Type, string? CustomerId, string? ProductId, int? Quantity = null, decimal? UnitPrice = null,
    string? Invoice = null, DateTime? OccurredAt = null, string? Store = null, int? ModelRunId = null)
{
    public StoreEvent ToStoreEvent() => new(Type, CustomerId, ProductId, Quantity, UnitPrice, Invoice, OccurredAt, Store, ModelRunId);
}

public sealed record ApiEventBatch(IReadOnlyList<ApiEvent>? Events);

public sealed record ApiEventsAccepted(int Purchases, int Orders, int Interactions, bool Replayed);

/// <summary>A product as a store system sends it; absent fields are left as they are.</summary>
/// <param name="PictureUrl">https://… or a path on the app's site; an empty string removes the picture.</param>
/// <param name="NonMerchandise">True for a fee, postage, deposit or voucher line: never suggested, never a top product.</param>
public sealed record ApiProduct(string? Name, string? Description = null, string? Category = null, string? Brand = null,
    decimal? UnitPrice = null, bool? Active = null, string? PictureUrl = null, bool? NonMerchandise = null)
{
    public ProductDetails ToDetails() => new(Name, Description, Category, Brand, UnitPrice, Active, PictureUrl, NonMerchandise);
}

/// <summary>A customer as a store system sends them; absent fields are left as they are.</summary>
public sealed record ApiCustomer(string? FirstName = null, string? LastName = null, string? Email = null, string? Phone = null,
    string? LoyaltyNumber = null, string? Country = null, string? Region = null, int? BirthYear = null, string? Gender = null,
    bool? PersonalizationOptOut = null)
{
    public CustomerDetails ToDetails() => new(FirstName, LastName, Email, Phone, LoyaltyNumber, Country, Region, BirthYear, Gender, PersonalizationOptOut);
}

/// <summary>A suggestion as store systems get it: the product by SKU, and the sentence to say or show.</summary>
public sealed record ApiSuggestion(string Sku, string Name, decimal? Price, string? Category, string Reason, float Score);

public sealed record ApiSuggestionList(int? ModelRunId, string? Algorithm, bool Personalised, string? Notice, IReadOnlyList<ApiSuggestion> Items)
{
    public static ApiSuggestionList From(SuggestionList list) => new(list.ModelRunId, list.Algorithm, list.Personalised, list.Notice,
        list.Items.Select(s => new ApiSuggestion(s.Sku, s.Name, s.Price, s.Category, s.Reason, s.Score)).ToList());
}

/// <summary>A basket to complete.</summary>
/// <param name="CustomerId">
/// The customer's code, when the till knows whose basket it is: what they said "not for me" to is left out. Left out
/// or blank: an anonymous basket.
/// </param>
public sealed record ApiBasketRequest(IReadOnlyList<string>? Skus, string? CustomerId = null, int? Count = null);
