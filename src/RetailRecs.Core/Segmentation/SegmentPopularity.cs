using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// The best sellers of a customer's segment (products bought by the most members), for the recommender's
/// "popular with customers like them". Segment ids are never reused, so a cached list is never stale; a new
/// segmentation simply brings new ids.
/// </summary>
public sealed class SegmentPopularity(IDbContextFactory<RetailDbContext> contexts)
{
    public sealed record Item(int ProductId, int Customers);

    private readonly ConcurrentDictionary<int, IReadOnlyList<Item>> _bySegment = new();

    /// <summary>The customer's segment best sellers, most bought first; empty when they are not in the current segmentation.</summary>
    public async Task<IReadOnlyList<Item>> ForCustomerAsync(RetailDbContext db, int customerId, CancellationToken ct = default)
    {
        var segmentId = await db.CustomerSegments.Where(c => c.CustomerId == customerId && c.Segment!.Run!.IsCurrent)
            .Select(c => (int?)c.SegmentId).FirstOrDefaultAsync(ct);
        return segmentId is { } id ? await ForSegmentAsync(id, ct) : [];
    }

    public async Task<IReadOnlyList<Item>> ForSegmentAsync(int segmentId, CancellationToken ct = default)
    {
        if (_bySegment.TryGetValue(segmentId, out var cached))
        {
            return cached;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        var json = await db.Segments.Where(s => s.Id == segmentId).Select(s => s.Profile).SingleOrDefaultAsync(ct);
        var profile = json is null ? null : JsonSerializer.Deserialize<SegmentProfile>(json, SegmentationService.Json);
        IReadOnlyList<Item> items = profile?.TopProducts.Select(p => new Item(p.ProductId, p.Customers)).ToList() ?? [];
        if (_bySegment.Count > 200)
        {
            _bySegment.Clear(); // old runs' segments; cheap to read again
        }
        _bySegment[segmentId] = items;
        return items;
    }
}
