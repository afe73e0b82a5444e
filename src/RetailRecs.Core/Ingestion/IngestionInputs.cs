namespace RetailRecs.Core.Ingestion;

/// <summary>
/// One event from a store system. Types: "purchase" (a sales line: the product, quantity, unit price, and the invoice
/// that groups lines into one basket), "basket_add", "shown", "accepted", "dismissed" (what happened to a suggestion).
/// Ids are the retailer's own: the customer code and the product SKU.
/// </summary>
public sealed record StoreEvent(string? Type, string? CustomerCode, string? Sku, int? Quantity = null, decimal? UnitPrice = null,
    string? Invoice = null, DateTime? OccurredAt = null, string? Store = null, int? ModelRunId = null);

/// <summary>A product as a store system sends it; absent fields are left as they are.</summary>
/// <param name="PictureUrl">https://… or a path on the app's site; an empty string removes the picture.</param>
/// <param name="NonMerchandise">True for a fee, postage, deposit or voucher line (never suggested, never a top product); null: the codes list decides for a new product, a stored one keeps its mark.</param>
public sealed record ProductDetails(string? Name, string? Description = null, string? Category = null, string? Brand = null,
    decimal? UnitPrice = null, bool? Active = null, string? PictureUrl = null, bool? NonMerchandise = null);

/// <summary>A customer as a store system sends them; absent fields are left as they are.</summary>
public sealed record CustomerDetails(string? FirstName = null, string? LastName = null, string? Email = null, string? Phone = null,
    string? LoyaltyNumber = null, string? Country = null, string? Region = null, int? BirthYear = null, string? Gender = null,
    bool? PersonalizationOptOut = null);
