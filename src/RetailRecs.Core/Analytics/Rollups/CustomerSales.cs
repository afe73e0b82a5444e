using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>Sales by the buyer's country; <c>Member</c> false for sales without a customer.</summary>
public sealed record CountryTotals(bool Member, string? Country, decimal Revenue, long Items);

/// <summary>
/// Customers' months in a view: how many customers whose first purchase (anywhere, ever) was in
/// <paramref name="FirstMonth"/> bought in <paramref name="Month"/>.
/// </summary>
public sealed record CohortCell(DateOnly FirstMonth, DateOnly Month, int Customers);

/// <summary>
/// A view's customer-level figures: whole months from <see cref="CustomerMonthSales"/>, the partial first and last
/// months and dirty months from the orders (<see cref="RollupCoverage"/>); the countries from <see cref="CountryDaySales"/>
/// while no customer's country changed since its rows were written.
/// </summary>
internal static class CustomerSales
{
    /// <summary>How many different customers bought in the view.</summary>
    public static async Task<int> CountAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var (months, rest) = coverage.WholeMonths(f.From, f.To);
        IQueryable<int>? customers = months.Count == 0 ? null : Rows(db, f, months).Where(r => r.CustomerKey != 0).Select(r => r.CustomerKey);
        foreach (var (from, to) in rest)
        {
            var fromOrders = orders(f with { From = from, To = to }, false).Where(o => o.CustomerId != null).Select(o => o.CustomerId!.Value);
            customers = customers is null ? fromOrders : customers.Union(fromOrders);
        }
        return customers is null ? 0 : await customers.Distinct().CountAsync(ct);
    }

    public static async Task<IReadOnlyList<CountryTotals>> ByCountryAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var rows = new List<CountryTotals>();
        if (coverage.LabelRolled(RollupLabel.CustomerCountry))
        {
            // A few dozen countries a day instead of every customer's months joined with the customers.
            foreach (var (from, to, rolled) in coverage.Days(f.From, f.To))
            {
                if (!rolled)
                {
                    rows.AddRange(await FromOrdersAsync(f with { From = from, To = to }));
                    continue;
                }
                var days = db.CountryDaySales.Where(r => r.Day >= from && r.Day <= to);
                if (f.StoreId is { } store)
                {
                    days = days.Where(r => r.StoreKey == store);
                }
                rows.AddRange(await days.GroupBy(r => new { r.Member, r.Country })
                    .Select(g => new CountryTotals(g.Key.Member, g.Key.Country, g.Sum(r => r.Revenue), g.Sum(r => r.Items))).ToListAsync(ct));
            }
            return Combine(rows);
        }
        var (months, rest) = coverage.WholeMonths(f.From, f.To);
        if (months.Count > 0)
        {
            var rolled = Rows(db, f, months);
            rows.AddRange(await (from r in rolled
                                 join c in db.Customers on r.CustomerKey equals c.Id
                                 group r by c.Country into g
                                 select new CountryTotals(true, g.Key, g.Sum(r => r.Revenue), g.Sum(r => r.Items))).ToListAsync(ct));
            rows.AddRange(await rolled.Where(r => r.CustomerKey == 0).GroupBy(r => 1)
                .Select(g => new CountryTotals(false, null, g.Sum(r => r.Revenue), g.Sum(r => r.Items))).ToListAsync(ct));
        }
        foreach (var (from, to) in rest)
        {
            rows.AddRange(await FromOrdersAsync(f with { From = from, To = to }));
        }
        return Combine(rows);

        Task<List<CountryTotals>> FromOrdersAsync(DashboardFilter view) => orders(view, false)
            .GroupBy(o => new { Member = o.CustomerId != null, o.Customer!.Country })
            .Select(g => new CountryTotals(g.Key.Member, g.Key.Country, g.Sum(o => o.Revenue), g.Sum(o => (long)o.Items))).ToListAsync(ct);
    }

    private static List<CountryTotals> Combine(IEnumerable<CountryTotals> rows) => rows.GroupBy(r => (r.Member, r.Country))
        .Select(g => new CountryTotals(g.Key.Member, g.Key.Country, Math.Round(g.Sum(r => r.Revenue), 4), g.Sum(r => r.Items))).ToList();

    /// <summary>
    /// The view's customers by first month and month of purchase, over the whole calendar months the view touches,
    /// and each first month's number of different customers; null when a month is dirty (a first purchase may have
    /// moved) or the view is filtered by customers: the caller reads the orders.
    /// </summary>
    public static async Task<(IReadOnlyList<CohortCell> Cells, IReadOnlyDictionary<DateOnly, int> Sizes)?> CohortsAsync(
        RetailDbContext db, DashboardFilter f, RollupCoverage coverage, CancellationToken ct)
    {
        if (!coverage.CustomerHistoryRolled)
        {
            return null;
        }
        var firstMonth = SalesRollup.MonthOf(f.From);
        var lastMonth = SalesRollup.MonthOf(f.To);
        if (f.StoreId is null)
        {
            // Every store: the cells are kept whole. A cohort's customers all bought in their first month, so its size
            // is that month's cell.
            var kept = await db.CustomerCohortMonths.Where(c => c.Month >= firstMonth && c.Month <= lastMonth)
                .Select(c => new CohortCell(c.FirstMonth, c.Month, c.Customers)).ToListAsync(ct);
            return (kept, kept.Where(c => c.FirstMonth == c.Month).ToDictionary(c => c.FirstMonth, c => c.Customers));
        }
        var store = f.StoreId.Value;
        var active = db.CustomerMonthSales.Where(r => r.CustomerKey != 0 && r.Month >= firstMonth && r.Month <= lastMonth && r.StoreKey == store);
        // One store: its customers' months, each with the customer's first month in any store.
        var firsts = db.CustomerMonthSales.Where(r => r.CustomerKey != 0).GroupBy(r => r.CustomerKey)
            .Select(g => new { Customer = g.Key, First = g.Min(r => r.Month) });
        var cells = await (from a in active.Select(r => new { r.CustomerKey, r.Month }).Distinct()
                           join first in firsts on a.CustomerKey equals first.Customer
                           group a by new { first.First, a.Month } into g
                           select new CohortCell(g.Key.First, g.Key.Month, g.Count())).ToListAsync(ct);
        var sizes = await (from customer in active.Select(r => r.CustomerKey).Distinct()
                           join first in firsts on customer equals first.Customer
                           group customer by first.First into g
                           select new { First = g.Key, Customers = g.Count() }).ToDictionaryAsync(s => s.First, s => s.Customers, ct);
        return (cells, sizes);
    }

    private static IQueryable<CustomerMonthSales> Rows(RetailDbContext db, DashboardFilter f, IReadOnlyList<DateOnly> months)
    {
        var first = months[0];
        var last = months[^1];
        var skipped = new List<DateOnly>();
        for (var m = first; m <= last; m = m.AddMonths(1))
        {
            if (!months.Contains(m))
            {
                skipped.Add(m); // dirty months inside the range
            }
        }
        var rows = db.CustomerMonthSales.Where(r => r.Month >= first && r.Month <= last && !skipped.Contains(r.Month));
        return f.StoreId is { } store ? rows.Where(r => r.StoreKey == store) : rows;
    }
}
