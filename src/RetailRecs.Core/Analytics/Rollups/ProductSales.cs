using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// One product's sales in a period: revenue of the priced lines, units, and how many lines had a price; with what the
/// dashboard shows of the product (name, category: its own, else the automatic one) and whether it is merchandise.
/// </summary>
public sealed record ProductPeriodSales(int ProductId, string Name, string? Category, bool IsNonMerchandise, double Revenue, long Units, int PricedLines);

/// <summary>What the dashboard shows of a period's products.</summary>
public sealed record ProductSummary(IReadOnlyList<LabelledValue> Top, IReadOnlyList<LabelledValue> Categories, bool RevenueKnown);

/// <summary>
/// Every product's sales in a dashboard period. Whole months that are not dirty come from the monthly rollup (and so does
/// a partial first or last month without sales on its other days: <see cref="RollupCoverage.WholeMonths"/>), the days
/// of the other partial months from the daily rollup, and months changed since their last refresh from the lines, so
/// the answer is always the lines' answer. A country or segment filter depends on the customers, which the rollup does not keep: those views
/// read the lines, as they did before.
/// </summary>
public static class ProductSales
{
    /// <summary>How many products and categories the dashboard shows.</summary>
    private const int Shown = 10;

    /// <summary>
    /// The period's top products and categories, and whether any sale had a price (else both rank units). When the
    /// rollups answer every day of the period and the categories are current, the categories come from the category
    /// rollup and the top products from a search that reads a few hundred products (<see cref="TopProducts"/>);
    /// otherwise every product's sales are summed (<see cref="ForPeriodAsync"/>). Both give the same answer.
    /// </summary>
    internal static async Task<ProductSummary> SummaryAsync(RetailDbContext db, DashboardFilter filter, RollupCoverage coverage,
        Func<DashboardFilter, IQueryable<OrderLine>> lines, CancellationToken ct = default)
    {
        if (coverage.AllRolled(filter.From, filter.To) && coverage.LabelRolled(RollupLabel.ProductCategory))
        {
            var rows = db.CategoryDaySales.Where(r => r.Day >= filter.From && r.Day <= filter.To);
            if (filter.StoreId is { } store)
            {
                rows = rows.Where(r => r.StoreKey == store);
            }
            var categories = await rows.GroupBy(r => new { r.Category, r.IsNonMerchandise })
                .Select(g => new { g.Key.Category, g.Key.IsNonMerchandise, Revenue = g.Sum(r => r.Revenue), Units = g.Sum(r => r.Units), Priced = g.Sum(r => r.PricedLines) })
                .ToListAsync(ct);
            var revenueKnown = categories.Any(c => c.Priced > 0);
            // Without prices the products rank by units, which the search does not index: every product is summed.
            if (revenueKnown && await TopProducts.FindAsync(db, filter, coverage, Shown, ct) is { } top)
            {
                var merchandise = categories.Where(c => !c.IsNonMerchandise).Select(c => (c.Category, Value: c.Revenue));
                return new ProductSummary(top, TopCategories(merchandise), revenueKnown);
            }
        }
        return Summarise(await ForPeriodAsync(db, filter, coverage, lines, ct));
    }

    /// <summary>The summary from every product's sales.</summary>
    private static ProductSummary Summarise(IReadOnlyList<ProductPeriodSales> products)
    {
        // Without a single priced sale in the period money is unknown, not zero: every amount becomes units.
        var revenueKnown = products.Any(p => p.PricedLines > 0);
        var merchandise = products.Where(p => !p.IsNonMerchandise)
            .Select(p => new { p.Name, p.Category, Revenue = revenueKnown ? p.Revenue : p.Units }).ToList();
        // Ties in name order: the rows come in whatever order the database (and the rollup or the lines) gives them.
        var top = merchandise.OrderByDescending(t => t.Revenue).ThenBy(t => t.Name, StringComparer.Ordinal).Take(Shown)
            .Select(t => new LabelledValue(t.Name, Math.Round((decimal)t.Revenue, 2))).ToList();
        return new ProductSummary(top, TopCategories(merchandise.Select(m => (m.Category, Value: m.Revenue))), revenueKnown);
    }

    /// <summary>Merchandise sales summed by category (none: "Uncategorised"), the largest first, ties in name order.</summary>
    private static List<LabelledValue> TopCategories(IEnumerable<(string? Category, double Value)> merchandise) =>
        merchandise.GroupBy(t => t.Category ?? "Uncategorised")
            .Select(g => new LabelledValue(g.Key, Math.Round((decimal)g.Sum(t => t.Value), 2)))
            .OrderByDescending(c => c.Value).ThenBy(c => c.Label, StringComparer.Ordinal).Take(Shown).ToList();

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
        // Contiguous runs of rolled months (a dirty month inside the period splits it; usually there is one run).
        foreach (var (first, last) in Runs(rolled))
        {
            Add(await FromRollupAsync(db, first, last, filter.StoreId, ct));
        }
        // The other days: those of clean months (a partial first or last month) from the day rollup, the rest from the lines.
        foreach (var (from, to, clean) in rest.SelectMany(r => coverage.Days(r.From, r.To)))
        {
            if (clean)
            {
                Add(await FromDaysAsync(db, from, to, filter.StoreId, ct));
                continue;
            }
            Add(await WithCatalogAsync(db, lines(filter with { From = from, To = to }).GroupBy(l => l.ProductId)
                .Select(g => new Sums
                {
                    ProductId = g.Key,
                    Revenue = g.Sum(l => (double?)l.UnitPrice * l.Quantity) ?? 0,
                    Units = g.Sum(l => (long)l.Quantity),
                    PricedLines = g.Count(l => l.UnitPrice != null),
                }), ct));
        }
        return [.. totals.Values];
    }

    /// <summary>Every product's sales in the months <paramref name="first"/> to <paramref name="last"/>, with its catalog columns.</summary>
    private static async Task<List<ProductPeriodSales>> FromRollupAsync(RetailDbContext db, DateOnly first, DateOnly last, int? store, CancellationToken ct)
    {
        if (db.Database.IsSqlite())
        {
            // Product by product: the catalog in key order, each product's months from the index on product and month
            // (which holds every column), so SQLite sums as it goes instead of sorting the period's rows by product
            // (half the time at 10×). The catalog's columns are taken from the product's row (SQLite allows them beside
            // GROUP BY its key), which no LINQ grouping expresses.
            return await db.Database.SqlQuery<ProductPeriodSales>($"""
                SELECT p.Id AS ProductId, p.Name AS Name, COALESCE(p.Category, p.AutoCategory) AS Category, p.IsNonMerchandise AS IsNonMerchandise,
                       SUM(r.Revenue) AS Revenue, SUM(r.Units) AS Units, SUM(r.PricedLines) AS PricedLines
                FROM Products p CROSS JOIN ProductMonthSales r
                WHERE r.ProductId = p.Id AND r.Month >= {first} AND r.Month <= {last} AND ({store} IS NULL OR r.StoreKey = {store})
                GROUP BY p.Id
                """).ToListAsync(ct);
        }
        // Elsewhere the database's planner aggregates the period's rows by product (hashing), then joins the catalog.
        var rows = db.ProductMonthSales.Where(r => r.Month >= first && r.Month <= last);
        if (store is { } id)
        {
            rows = rows.Where(r => r.StoreKey == id);
        }
        return await WithCatalogAsync(db, rows.GroupBy(r => r.ProductId)
            .Select(g => new Sums { ProductId = g.Key, Revenue = g.Sum(r => r.Revenue), Units = g.Sum(r => r.Units), PricedLines = g.Sum(r => r.PricedLines) }), ct);
    }

    /// <summary>Every product's sales on the days <paramref name="from"/> to <paramref name="to"/> (inside clean months), with its catalog columns.</summary>
    private static async Task<List<ProductPeriodSales>> FromDaysAsync(RetailDbContext db, DateOnly from, DateOnly to, int? store, CancellationToken ct)
    {
        var rows = db.ProductDaySales.Where(r => r.Day >= from && r.Day <= to);
        if (store is { } id)
        {
            rows = rows.Where(r => r.StoreKey == id);
        }
        return await WithCatalogAsync(db, rows.GroupBy(r => r.ProductId)
            .Select(g => new Sums { ProductId = g.Key, Revenue = g.Sum(r => r.Revenue), Units = g.Sum(r => r.Units), PricedLines = g.Sum(r => r.PricedLines) }), ct);
    }

    /// <summary>One product's sums in a query, before its catalog columns are joined.</summary>
    private sealed class Sums
    {
        public int ProductId { get; init; }
        public double Revenue { get; init; }
        public long Units { get; init; }
        public int PricedLines { get; init; }
    }

    /// <summary>The products' sums with the catalog's columns the dashboard shows, in one query.</summary>
    private static Task<List<ProductPeriodSales>> WithCatalogAsync(RetailDbContext db, IQueryable<Sums> sums, CancellationToken ct) =>
        (from t in sums
         join p in db.Products on t.ProductId equals p.Id
         select new ProductPeriodSales(t.ProductId, p.Name, p.Category ?? p.AutoCategory, p.IsNonMerchandise, t.Revenue, t.Units, t.PricedLines))
        .ToListAsync(ct);

    /// <summary>Ascending months as runs of consecutive months (first, last).</summary>
    private static IEnumerable<(DateOnly First, DateOnly Last)> Runs(IReadOnlyList<DateOnly> months)
    {
        for (var i = 0; i < months.Count;)
        {
            var j = i;
            while (j + 1 < months.Count && months[j + 1] == months[j].AddMonths(1))
            {
                j++;
            }
            yield return (months[i], months[j]);
            i = j + 1;
        }
    }
}
