namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>What became of a request for suggestions by the retailer's codes (<see cref="SuggestionsByCode"/>).</summary>
public abstract record SuggestionsOutcome
{
    /// <summary>The list; <paramref name="CustomerId"/> is the customer it was made for, if any (to record its showing or exposure).</summary>
    public sealed record Suggested(SuggestionList List, int? CustomerId = null) : SuggestionsOutcome;

    /// <summary>No customer has this code (<paramref name="Code"/> as it was asked for).</summary>
    public sealed record UnknownCustomer(string Code) : SuggestionsOutcome;

    /// <summary>No product has this SKU (<paramref name="Sku"/> as it was asked for).</summary>
    public sealed record UnknownProduct(string Sku) : SuggestionsOutcome;

    /// <summary>None of a basket's SKUs is a stored product.</summary>
    public sealed record NoKnownProduct : SuggestionsOutcome;
}
