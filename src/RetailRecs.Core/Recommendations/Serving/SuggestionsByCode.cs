using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Suggestions asked for with the retailer's own codes, as a till or the web shop knows them (a customer code, SKUs)
/// rather than the app's ids: the codes are looked up here, and a code nobody stored is an outcome the caller can
/// answer in its own words, not an exception.
/// </summary>
public sealed class SuggestionsByCode(IDbContextFactory<RetailDbContext> contexts, RecommendationService recommendations)
{
    /// <summary>A customer's suggestions, as on their card (experiments, opt-out and "not interested" included).</summary>
    public async Task<SuggestionsOutcome> ForCustomerAsync(string customerCode, SuggestionMode mode, int count, CancellationToken ct = default)
    {
        if (await CustomerIdAsync(customerCode, ct) is not { } customerId)
        {
            return new SuggestionsOutcome.UnknownCustomer(customerCode);
        }
        try
        {
            return new SuggestionsOutcome.Suggested(await recommendations.ForCustomerAsync(customerId, mode, count, ct: ct), customerId);
        }
        catch (UnknownCustomerException)
        {
            // Erased between the lookup and the list.
            return new SuggestionsOutcome.UnknownCustomer(customerCode);
        }
    }

    /// <summary>"Often bought with" one product.</summary>
    public Task<SuggestionsOutcome> BoughtTogetherAsync(string sku, int count, CancellationToken ct = default) =>
        ForProductAsync(sku, id => recommendations.BoughtTogetherAsync([id], count, ct: ct), ct);

    /// <summary>Products whose description resembles this one's.</summary>
    public Task<SuggestionsOutcome> SimilarAsync(string sku, int count, CancellationToken ct = default) =>
        ForProductAsync(sku, id => recommendations.SimilarAsync(id, count, ct), ct);

    /// <summary>
    /// What goes with a whole basket. SKUs nobody stored are left out (a product newer than the catalog's copy at the
    /// till); only a basket with none known is refused. With <paramref name="customerCode"/> (blank: an anonymous
    /// basket), the list leaves out what that customer said they do not want, as their own suggestions do.
    /// </summary>
    public async Task<SuggestionsOutcome> ForBasketAsync(IReadOnlyCollection<string> skus, string? customerCode, int count, CancellationToken ct = default)
    {
        int? customerId = null;
        if (!string.IsNullOrWhiteSpace(customerCode))
        {
            customerId = await CustomerIdAsync(customerCode, ct);
            if (customerId is null)
            {
                return new SuggestionsOutcome.UnknownCustomer(customerCode);
            }
        }
        var trimmed = skus.Select(s => s.Trim()).ToList();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var ids = await db.Products.Where(p => trimmed.Contains(p.Sku)).Select(p => p.Id).ToListAsync(ct);
        return ids.Count == 0
            ? new SuggestionsOutcome.NoKnownProduct()
            : new SuggestionsOutcome.Suggested(await recommendations.BoughtTogetherAsync(ids, count, customerId, ct), customerId);
    }

    private async Task<SuggestionsOutcome> ForProductAsync(string sku, Func<int, Task<SuggestionList>> suggest, CancellationToken ct)
    {
        var code = sku.Trim();
        await using var db = await contexts.CreateDbContextAsync(ct);
        var id = await db.Products.Where(p => p.Sku == code).Select(p => (int?)p.Id).SingleOrDefaultAsync(ct);
        return id is null ? new SuggestionsOutcome.UnknownProduct(sku) : new SuggestionsOutcome.Suggested(await suggest(id.Value));
    }

    private async Task<int?> CustomerIdAsync(string customerCode, CancellationToken ct)
    {
        var code = customerCode.Trim();
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await Customers.CustomerCodeMatch.IdsAsync(db, [code], ct)).TryGetValue(code, out var id) ? id : null;
    }
}
