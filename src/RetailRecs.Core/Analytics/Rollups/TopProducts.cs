using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// A period's best-selling products by revenue without summing every product's months: a chain's catalog has hundreds
/// of thousands of products, and a year of them is millions of monthly rows (1.7 s at 100× the Online Retail data).
/// Each month's products are read best first (by <see cref="Model.ProductMonthSales.PositiveDayRevenue"/>, which no
/// part of the month can exceed), a few at a time; the products seen get their exact period totals; the search stops
/// when the last of the top <c>count</c> is above what any product not yet seen could reach (the sum of each month's
/// last value read). A threshold algorithm (Fagin, Lotem and Naor): the answer is the full sum's answer, ties included.
/// </summary>
internal static class TopProducts
{
    private const int FirstDepth = 64;
    private const int MaxDepth = 16_384;
    private const int Batch = 500;

    /// <summary>
    /// The top <paramref name="count"/> merchandise products of a period the rollups answer whole (the caller checks),
    /// by revenue, ties in name order; null when the search would read too deep (the caller sums every product).
    /// </summary>
    public static async Task<IReadOnlyList<LabelledValue>?> FindAsync(RetailDbContext db, DashboardFilter filter, RollupCoverage coverage,
        int count, CancellationToken ct)
    {
        var (months, rest) = coverage.WholeMonths(filter.From, filter.To);
        // The other days, range by range (a partial first month, a partial last month), as the full sum adds them.
        var days = rest.Select(r => Enumerable.Range(0, r.To.DayNumber - r.From.DayNumber + 1).Select(r.From.AddDays).ToList()).ToList();
        var lists = months.Concat(days.SelectMany(d => d).Select(SalesRollup.MonthOf)).Distinct().Order().ToList();
        if (lists.Count == 0)
        {
            return [];
        }
        var next = lists[^1].AddMonths(1);
        List<int> stores = filter.StoreId is { } store ? [store]
            : await db.OrderDaySales.Where(r => r.Day >= lists[0] && r.Day < next && !r.IsCancellation).Select(r => r.StoreKey).Distinct().ToListAsync(ct);
        var known = new Dictionary<int, Candidate>();
        for (var depth = FirstDepth; ; depth *= 4)
        {
            var threshold = 0.0;
            var exhausted = true;
            var fresh = new HashSet<int>();
            foreach (var month in lists)
            {
                foreach (var key in stores)
                {
                    var read = await db.ProductMonthSales.Where(r => r.Month == month && r.StoreKey == key)
                        .OrderByDescending(r => r.PositiveDayRevenue).Take(depth)
                        .Select(r => new { r.ProductId, r.PositiveDayRevenue }).ToListAsync(ct);
                    fresh.UnionWith(read.Select(r => r.ProductId).Where(id => !known.ContainsKey(id)));
                    if (read.Count == depth)
                    {
                        exhausted = false;
                        // A product further down this list (or not in it) adds at most this much.
                        threshold += Math.Max(read[^1].PositiveDayRevenue, 0);
                    }
                }
            }
            foreach (var chunk in fresh.Chunk(Batch))
            {
                await AddExactAsync(db, chunk, months, days, stores, filter.StoreId, known, ct);
            }
            var ranked = known.Values.Where(c => !c.IsNonMerchandise)
                .OrderByDescending(c => c.Revenue).ThenBy(c => c.Name, StringComparer.Ordinal).Take(count).ToList();
            if (exhausted || (ranked.Count == count && ranked[^1].Revenue > threshold))
            {
                return ranked.Select(c => new LabelledValue(c.Name, Math.Round((decimal)c.Revenue, 2))).ToList();
            }
            if (depth >= MaxDepth)
            {
                return null;
            }
        }
    }

    private sealed record Candidate(string Name, bool IsNonMerchandise, double Revenue);

    /// <summary>One product's revenue in a range of months.</summary>
    private sealed record ProductRevenue(int ProductId, double Revenue);

    /// <summary>
    /// The products' revenue in the months <paramref name="first"/> to <paramref name="last"/> (contiguous: the search
    /// runs only when no month of the period is dirty).
    /// </summary>
    private static Task<List<ProductRevenue>> MonthsAsync(RetailDbContext db, int[] ids, DateOnly first, DateOnly last, int? store, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // SQLite's planner prefers the key (month first) and reads every product of the months: 0.9 s for 500
            // products at 100×; the product index answers each product with a few rows.
            var list = System.Text.Json.JsonSerializer.Serialize(ids);
            return db.Database.SqlQuery<ProductRevenue>($"""
                SELECT r.ProductId AS ProductId, SUM(r.Revenue) AS Revenue
                FROM ProductMonthSales r INDEXED BY IX_ProductMonthSales_ProductMonth
                WHERE r.ProductId IN (SELECT value FROM json_each({list})) AND r.Month >= {first} AND r.Month <= {last}
                  AND ({store} IS NULL OR r.StoreKey = {store})
                GROUP BY r.ProductId
                """).ToListAsync(ct);
        }
        var rows = db.ProductMonthSales.Where(r => ids.Contains(r.ProductId) && r.Month >= first && r.Month <= last);
        if (store is { } id)
        {
            rows = rows.Where(r => r.StoreKey == id);
        }
        return rows.GroupBy(r => r.ProductId).Select(g => new ProductRevenue(g.Key, g.Sum(r => r.Revenue))).ToListAsync(ct);
    }

    /// <summary>
    /// The products' exact revenue in the period: their whole months from the product-month index, the days of partial
    /// months from the day rollup's key (day, store, product), summed in the order the full sum adds them.
    /// </summary>
    private static async Task AddExactAsync(RetailDbContext db, int[] ids, IReadOnlyList<DateOnly> months, IReadOnlyList<List<DateOnly>> days,
        IReadOnlyList<int> stores, int? store, Dictionary<int, Candidate> known, CancellationToken ct)
    {
        var revenue = ids.ToDictionary(id => id, _ => 0.0);
        if (months.Count > 0)
        {
            foreach (var r in await MonthsAsync(db, ids, months[0], months[^1], store, ct))
            {
                revenue[r.ProductId] += r.Revenue;
            }
        }
        foreach (var range in days)
        {
            foreach (var r in await db.ProductDaySales.Where(r => range.Contains(r.Day) && stores.Contains(r.StoreKey) && ids.Contains(r.ProductId))
                         .GroupBy(r => r.ProductId).Select(g => new { g.Key, Revenue = g.Sum(r => r.Revenue) }).ToListAsync(ct))
            {
                revenue[r.Key] += r.Revenue;
            }
        }
        foreach (var p in await db.Products.Where(p => ids.Contains(p.Id)).Select(p => new { p.Id, p.Name, p.IsNonMerchandise }).ToListAsync(ct))
        {
            known[p.Id] = new Candidate(p.Name, p.IsNonMerchandise, revenue[p.Id]);
        }
    }
}
