namespace RetailRecs.Core.Api;

/// <summary>
/// One event from a store system. Types: "purchase" (a sales line: productId, quantity, unitPrice, invoice to group
/// lines into one basket), "basket_add", "shown", "accepted", "dismissed" (what happened to a suggestion).
/// Ids are the retailer's own: the customer code and the product SKU.
/// </summary>
public sealed record ApiEvent(string? Type, string? CustomerId, string? ProductId, int? Quantity = null, decimal? UnitPrice = null,
    string? Invoice = null, DateTime? OccurredAt = null, string? Store = null, int? ModelRunId = null);

public sealed record ApiEventBatch(IReadOnlyList<ApiEvent>? Events);

/// <summary>A product as a store system sends it; absent fields are left as they are.</summary>
/// <param name="PictureUrl">https://… or a path on the app's site; an empty string removes the picture.</param>
public sealed record ProductInput(string? Name, string? Description = null, string? Category = null, string? Brand = null,
    decimal? UnitPrice = null, bool? Active = null, string? PictureUrl = null);

/// <summary>A customer as a store system sends it; absent fields are left as they are.</summary>
public sealed record CustomerInput(string? FirstName = null, string? LastName = null, string? Email = null, string? Phone = null,
    string? LoyaltyNumber = null, string? Country = null, string? Region = null, int? BirthYear = null, string? Gender = null,
    bool? PersonalizationOptOut = null);

/// <summary>Input that cannot be taken, field by field (becomes an RFC 7807 validation problem).</summary>
public sealed class ApiValidationException(IDictionary<string, string[]> errors)
    : Exception("The request has invalid fields: " + string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}")))
{
    public IDictionary<string, string[]> Errors { get; } = errors;

    public static ApiValidationException One(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

/// <summary>The request conflicts with what is stored (an invoice already stored, an idempotency key reused with another body).</summary>
public sealed class ApiConflictException(string message) : Exception(message);

/// <summary>
/// The request was not taken, for a reason on this side that passes (the database busy or full, the app stopping):
/// nothing of it was stored, and the same request can be sent again after <see cref="RetryAfter"/> (becomes a 503).
/// </summary>
public sealed class ApiUnavailableException(string message, TimeSpan retryAfter, Exception? inner = null) : Exception(message, inner)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
