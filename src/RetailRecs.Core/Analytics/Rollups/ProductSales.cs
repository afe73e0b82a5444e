using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>One product's sales in a period: revenue of the priced lines, units, and how many lines had a price.</summary>
public sealed record ProductPeriodSales(int ProductId, double Revenue, long Units, int PricedLines);

/// <summary>
/// Every product's sales in a dashboard period. Whole months that are not dirty come from the monthly rollup (and so does
/// a partial first or last month without sales on its other days: <see cref="RollupCoverage.WholeMonths"/>); the rest
/// (the other partial months, months changed since their last refresh) from the lines, so the
/// answer is always the lines' answer. A country or segment filter depends on the customers, which the rollup does not
/// keep: those views read the lines, as they did before.
/// </summary>
public static class ProductSales
{
    internal static async Task<IReadOnlyList<ProductPeriodSales>> ForPeriodAsync(RetailDbContext db, DashboardFilter filter,
        RollupCoverage coverage, Func<DashboardFilter, IQueryable<OrderLine>> lines, CancellationToken ct = default)
    {
        var totals = new Dictionary<int, ProductPeriodSales>();
        void Add(IEnumerable<ProductPeriodSales> rows)
        {
            foreach (var r in rows)
            {
                totals[r.ProductId] = totals.TryGetValue(r.ProductId, out var t)
                    ? t with { Revenue = t.Revenue + r.Revenue, Units = t.Units + r.Units, PricedLines = t.PricedLines + r.PricedLines }
                    : r;
            }
        }

        var (rolled, rest) = coverage.WholeMonths(filter.From, filter.To);
        if (rolled.Count > 0)
        {
            var first = rolled[0];
            var last = rolled[^1];
            var skipped = MonthsBetween(first, last).Except(rolled).ToList(); // dirty months inside the range
            var store = filter.StoreId;
            var rows = db.ProductMonthSales.Where(r => r.Month >= first && r.Month <= last && !skipped.Contains(r.Month));
            if (store is { } id)
            {
                rows = rows.Where(r => r.StoreKey == id);
            }
            Add(await rows.GroupBy(r => r.ProductId)
                .Select(g => new ProductPeriodSales(g.Key, g.Sum(r => r.Revenue), g.Sum(r => r.Units), g.Sum(r => r.PricedLines)))
                .ToListAsync(ct));
        }
        foreach (var (from, to) in rest)
        {
            Add(await lines(filter with { From = from, To = to }).GroupBy(l => l.ProductId)
                .Select(g => new ProductPeriodSales(g.Key,
                    g.Sum(l => (double?)l.UnitPrice * l.Quantity) ?? 0, g.Sum(l => (long)l.Quantity), g.Count(l => l.UnitPrice != null)))
                .ToListAsync(ct));
        }
        return [.. totals.Values];
    }

    private static IEnumerable<DateOnly> MonthsBetween(DateOnly first, DateOnly last)
    {
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            yield return m;
        }
    }
}
