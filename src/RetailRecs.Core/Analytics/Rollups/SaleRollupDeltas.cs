using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// Adds new sales to every rollup in the transaction that stores them, instead of marking their months for a refresh:
/// the events API's path. A chain's tills send sales all day; with a mark, the month they fall in (the dashboard's
/// current month) was read from its lines until the next refresh, which at 100× the Online Retail data took 13.5 s per
/// dashboard instead of 0.5 s, and the refresh itself held SQLite's write lock for 14–28 s every minute. The rows
/// touched are the new sales' own keys (their days, stores, products, customers), so the cost is the batch's, not the
/// month's: the tables with a row per product or customer by upsert statements (<see cref="Upsert"/>), the others
/// through EF Core. The result equals what a refresh computes from the lines (<c>SaleRollupDeltasTests</c>). Callers
/// take the refreshes' turn (<see cref="SalesRollup.TakeTurnAsync"/>), so no refresh or other batch changes the rows
/// between their read and their write.
/// </summary>
internal static class SaleRollupDeltas
{
    /// <summary>Whether the provider's transactions let <see cref="ApplyAsync"/> read and write rows without another writer in between.</summary>
    public static bool Supported(RetailDbContext db) => db.Database.IsSqlite() || db.Database.IsNpgsql();

    /// <param name="orders">New orders, saved (ids assigned) with their lines; none may have been rolled up before.</param>
    public static async Task ApplyAsync(RetailDbContext db, IReadOnlyCollection<Order> orders, CancellationToken ct = default)
    {
        if (orders.Count == 0)
        {
            return;
        }
        var sales = orders.Where(o => !o.IsCancellation).ToList();
        var productIds = sales.SelectMany(o => o.Lines).Select(l => l.ProductId).Distinct().ToList();
        var products = await db.Products.Where(p => productIds.Contains(p.Id))
            .Select(p => new { p.Id, Category = p.Category ?? p.AutoCategory, p.IsNonMerchandise }).ToDictionaryAsync(p => p.Id, ct);
        var customerIds = sales.Where(o => o.CustomerId is not null).Select(o => o.CustomerId!.Value).Distinct().ToList();
        var countries = await db.Customers.Where(c => customerIds.Contains(c.Id)).Select(c => new { c.Id, c.Country })
            .ToDictionaryAsync(c => c.Id, c => c.Country, ct);

        await AddProductRowsAsync(db, sales, id => (products[id].Category, products[id].IsNonMerchandise), ct);
        await AddOrderRowsAsync(db, orders, ct);
        await AddCountryRowsAsync(db, sales, countries, ct);
        // Before the customers' months change: the cohort cells move by what each customer's months were before.
        await AddCohortCellsAsync(db, sales, ct);
        await AddCustomerMonthsAsync(db, sales, ct);
        await db.SaveChangesAsync(ct);
    }

    private static int StoreKey(Order o) => o.StoreId ?? 0;

    /// <summary>
    /// Product days, then product months (with the month's sum of positive days, from each day's revenue before and
    /// after), then category days. The first two have a row per product: written by upsert statements (<see cref="Upsert"/>).
    /// </summary>
    private static async Task AddProductRowsAsync(RetailDbContext db, List<Order> sales, Func<int, (string? Category, bool NonMerchandise)> label,
        CancellationToken ct)
    {
        var days = sales.SelectMany(o => o.Lines.Select(l => (Order: o, Line: l)))
            .GroupBy(x => (x.Order.PlacedOn, Store: StoreKey(x.Order), x.Line.ProductId))
            .Select(g => (g.Key.PlacedOn, g.Key.Store, g.Key.ProductId,
                Revenue: g.Where(x => x.Line.UnitPrice is not null).Sum(x => (double)x.Line.UnitPrice!.Value * x.Line.Quantity),
                Units: g.Sum(x => (long)x.Line.Quantity),
                Priced: g.Count(x => x.Line.UnitPrice is not null)))
            .ToList();
        var after = (await Upsert.RowsAsync<DayRevenue>(db, "ProductDaySales", ["Day", "StoreKey", "ProductId"], ["Revenue", "Units", "PricedLines"],
                [.. days.Select(d => new object[] { d.PlacedOn, d.Store, d.ProductId, d.Revenue, d.Units, d.Priced })],
                """ RETURNING "Day", "StoreKey", "ProductId", "Revenue" """, ct))
            .ToDictionary(r => (r.Day, r.StoreKey, r.ProductId), r => r.Revenue);
        // A day's revenue before the sales is its revenue after them less theirs (exact for a new row: 0).
        var months = days.GroupBy(d => (Month: SalesRollup.MonthOf(d.PlacedOn), d.Store, d.ProductId))
            .Select(g => new object[]
            {
                g.Key.Month, g.Key.Store, g.Key.ProductId, g.Sum(d => d.Revenue), g.Sum(d => d.Units), g.Sum(d => d.Priced),
                g.Sum(d => PositiveChange(after[(d.PlacedOn, d.Store, d.ProductId)], d.Revenue)),
            }).ToList();
        await Upsert.RowsAsync(db, "ProductMonthSales", ["Month", "StoreKey", "ProductId"], ["Revenue", "Units", "PricedLines", "PositiveDayRevenue"], months, ct);

        foreach (var group in days.GroupBy(d => (d.PlacedOn, d.Store)))
        {
            var (day, store) = group.Key;
            var categories = await db.CategoryDaySales.Where(r => r.Day == day && r.StoreKey == store).ToListAsync(ct);
            foreach (var add in group)
            {
                var (category, nonMerchandise) = label(add.ProductId);
                var c = categories.FirstOrDefault(r => r.Category == category && r.IsNonMerchandise == nonMerchandise);
                if (c is null)
                {
                    categories.Add(c = new CategoryDaySales { Day = day, StoreKey = store, Category = category, IsNonMerchandise = nonMerchandise });
                    db.CategoryDaySales.Add(c);
                }
                c.Revenue += add.Revenue;
                c.Units += add.Units;
                c.PricedLines += add.Priced;
            }
        }
    }

    private static double PositiveChange(double after, double added) => Math.Max(after, 0) - Math.Max(after - added, 0);

    private sealed class DayRevenue
    {
        public DateOnly Day { get; set; }
        public int StoreKey { get; set; }
        public int ProductId { get; set; }
        public double Revenue { get; set; }
    }

    /// <summary>Order days (cancellations too, under their own key) and the sales' hours.</summary>
    private static async Task AddOrderRowsAsync(RetailDbContext db, IReadOnlyCollection<Order> orders, CancellationToken ct)
    {
        foreach (var group in orders.GroupBy(o => (o.PlacedOn, Store: StoreKey(o))))
        {
            var (day, store) = group.Key;
            var rows = await db.OrderDaySales.Where(r => r.Day == day && r.StoreKey == store).ToListAsync(ct);
            var hours = await db.OrderHourCounts.Where(r => r.Day == day && r.StoreKey == store).ToListAsync(ct);
            foreach (var o in group)
            {
                var row = rows.FirstOrDefault(r => r.IsCancellation == o.IsCancellation);
                if (row is null)
                {
                    rows.Add(row = new OrderDaySales { Day = day, StoreKey = store, IsCancellation = o.IsCancellation });
                    db.OrderDaySales.Add(row);
                }
                row.Orders++;
                row.Revenue += o.Revenue;
                row.Items += o.Items;
                switch (BasketSizes.BucketOf(o.LineCount))
                {
                    case 0: row.Lines1++; break;
                    case 1: row.Lines2To5++; break;
                    case 2: row.Lines6To10++; break;
                    case 3: row.Lines11To20++; break;
                    case 4: row.Lines21To50++; break;
                    default: row.Lines51Up++; break;
                }
                if (o.IsCancellation)
                {
                    continue;
                }
                var hour = hours.FirstOrDefault(h => h.Hour == o.PlacedAt.Hour);
                if (hour is null)
                {
                    hours.Add(hour = new OrderHourCounts { Day = day, StoreKey = store, Hour = o.PlacedAt.Hour });
                    db.OrderHourCounts.Add(hour);
                }
                hour.Orders++;
            }
        }
    }

    private static async Task AddCountryRowsAsync(RetailDbContext db, List<Order> sales, Dictionary<int, string?> countries, CancellationToken ct)
    {
        foreach (var group in sales.GroupBy(o => (o.PlacedOn, Store: StoreKey(o))))
        {
            var (day, store) = group.Key;
            var rows = await db.CountryDaySales.Where(r => r.Day == day && r.StoreKey == store).ToListAsync(ct);
            foreach (var o in group)
            {
                var member = o.CustomerId is not null;
                var country = member ? countries.GetValueOrDefault(o.CustomerId!.Value) : null;
                var row = rows.FirstOrDefault(r => r.Member == member && r.Country == country);
                if (row is null)
                {
                    rows.Add(row = new CountryDaySales { Day = day, StoreKey = store, Member = member, Country = country });
                    db.CountryDaySales.Add(row);
                }
                row.Orders++;
                row.Revenue += o.Revenue;
                row.Items += o.Items;
            }
        }
    }

    private static async Task AddCustomerMonthsAsync(RetailDbContext db, List<Order> sales, CancellationToken ct)
    {
        var rows = sales.GroupBy(o => (Month: SalesRollup.MonthOf(o.PlacedOn), Store: StoreKey(o), Key: o.CustomerId ?? 0))
            .Select(g => new object[] { g.Key.Month, g.Key.Store, g.Key.Key, g.Count(), g.Sum(o => o.Revenue), g.Sum(o => (long)o.Items) })
            .ToList();
        await Upsert.RowsAsync(db, "CustomerMonthSales", ["Month", "StoreKey", "CustomerKey"], ["Orders", "Revenue", "Items"], rows, ct);
    }

    /// <summary>
    /// A cohort cell counts the customers whose first month is its first month and who bought in its month. Each
    /// customer of the batch leaves the cells of their months before it and joins those of their months after it: a
    /// sale in a new month adds one cell, a sale before their first month moves every one of their cells.
    /// </summary>
    private static async Task AddCohortCellsAsync(RetailDbContext db, List<Order> sales, CancellationToken ct)
    {
        var added = sales.Where(o => o.CustomerId is not null)
            .GroupBy(o => o.CustomerId!.Value, o => SalesRollup.MonthOf(o.PlacedOn))
            .ToDictionary(g => g.Key, g => g.ToHashSet());
        if (added.Count == 0)
        {
            return;
        }
        var ids = added.Keys.ToList();
        var stored = (await db.CustomerMonthSales.Where(r => ids.Contains(r.CustomerKey)).Select(r => new { r.CustomerKey, r.Month }).ToListAsync(ct))
            .GroupBy(r => r.CustomerKey).ToDictionary(g => g.Key, g => g.Select(r => r.Month).ToHashSet());
        var change = new Dictionary<(DateOnly Month, DateOnly First), int>();
        void Count(IReadOnlyCollection<DateOnly> months, int sign)
        {
            if (months.Count == 0)
            {
                return;
            }
            var first = months.Min();
            foreach (var month in months)
            {
                change[(month, first)] = change.GetValueOrDefault((month, first)) + sign;
            }
        }
        foreach (var (customer, months) in added)
        {
            var before = stored.GetValueOrDefault(customer) ?? [];
            if (months.IsSubsetOf(before))
            {
                continue;
            }
            Count(before, -1);
            Count([.. before.Union(months)], +1);
        }
        var moved = change.Where(c => c.Value != 0).ToList();
        if (moved.Count == 0)
        {
            return;
        }
        var cellMonths = moved.Select(c => c.Key.Month).Distinct().ToList();
        var cells = await db.CustomerCohortMonths.Where(c => cellMonths.Contains(c.Month)).ToListAsync(ct);
        foreach (var ((month, first), by) in moved)
        {
            var cell = cells.FirstOrDefault(c => c.Month == month && c.FirstMonth == first);
            if (cell is null)
            {
                cells.Add(cell = new CustomerCohortMonth { Month = month, FirstMonth = first });
                db.CustomerCohortMonths.Add(cell);
            }
            cell.Customers += by;
            if (cell.Customers == 0)
            {
                db.CustomerCohortMonths.Remove(cell); // a refresh writes no empty cell
            }
        }
    }
}
