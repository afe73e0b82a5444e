using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Web.Api;

/// <summary>A suggestion as store systems get it: the product by SKU, and the sentence to say or show.</summary>
public sealed record ApiSuggestion(string Sku, string Name, decimal? Price, string? Category, string Reason, float Score);

public sealed record ApiSuggestionList(int? ModelRunId, string? Algorithm, bool Personalised, string? Notice, IReadOnlyList<ApiSuggestion> Items)
{
    public static ApiSuggestionList From(SuggestionList list) => new(list.ModelRunId, list.Algorithm, list.Personalised, list.Notice,
        list.Items.Select(s => new ApiSuggestion(s.Sku, s.Name, s.Price, s.Category, s.Reason, s.Score)).ToList());
}

public sealed record ApiBasketRequest(IReadOnlyList<string>? Skus, string? CustomerId = null, int? Count = null);

public sealed record ApiEventsAccepted(int Purchases, int Orders, int Interactions, bool Replayed);
