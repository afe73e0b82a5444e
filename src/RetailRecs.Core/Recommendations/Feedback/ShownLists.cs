using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Feedback;

/// <summary>
/// The list the app itself last recorded as shown to a customer: its "shown" events, written together with one
/// timestamp. A store system reporting "shown" for a product of that list, or another screen showing the same list,
/// echoes a fact already stored rather than adding one.
/// </summary>
public static class ShownLists
{
    /// <summary>Source of events sent by store systems through the API; every other source is the app's own.</summary>
    public const string ApiSource = "api";

    /// <summary>Source of the card's "often bought with this basket" list and what is done from it.</summary>
    public const string CardBasketSource = "basket";

    /// <summary>Source of the customer screen's "goes with your basket" list and what the customer does from it.</summary>
    public const string ScreenBasketSource = "show-basket";

    /// <summary>
    /// Lists that follow the basket rather than the customer: the latest personal list is compared with personal
    /// lists only, so a basket list shown in between does not make the same suggestions look like a new showing.
    /// </summary>
    public static readonly string[] BasketSources = [CardBasketSource, ScreenBasketSource];

    public sealed record Latest(DateTime At, int? ModelRunId, HashSet<int> Products);

    /// <summary>Each customer's latest personal list recorded by the app (customers without one are left out).</summary>
    public static async Task<Dictionary<int, Latest>> LatestAsync(RetailDbContext db, IReadOnlyCollection<int> customerIds, CancellationToken ct = default)
    {
        if (customerIds.Count == 0)
        {
            return [];
        }
        var shown = InteractionType.Shown;
        var ids = customerIds.Distinct().ToList();
        var basketSources = BasketSources;
        var own = db.InteractionEvents.Where(e => e.Type == shown && e.Source != ApiSource && !basketSources.Contains(e.Source)
                                                  && e.CustomerId != null && ids.Contains(e.CustomerId.Value));
        var latest = await own.GroupBy(e => e.CustomerId!.Value).Select(g => new { CustomerId = g.Key, At = g.Max(e => e.OccurredAt) }).ToListAsync(ct);
        var times = latest.Select(l => l.At).Distinct().ToList();
        var rows = await own.Where(e => times.Contains(e.OccurredAt))
            .Select(e => new { CustomerId = e.CustomerId!.Value, e.ProductId, e.ModelRunId, e.OccurredAt }).ToListAsync(ct);
        var at = latest.ToDictionary(l => l.CustomerId, l => l.At);
        return rows.Where(r => at[r.CustomerId] == r.OccurredAt).GroupBy(r => r.CustomerId)
            .ToDictionary(g => g.Key, g => new Latest(g.First().OccurredAt, g.First().ModelRunId, g.Select(r => r.ProductId).ToHashSet()));
    }
}
