using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>One day's sales or cancellations in a dashboard view.</summary>
public sealed record DayTotals(DateOnly Day, bool IsCancellation, int Orders, decimal Revenue, long Items);

/// <summary>Sales in one hour of one day.</summary>
public sealed record HourOrders(DateOnly Day, int Hour, int Orders);

/// <summary>A store's sales in a dashboard view.</summary>
public sealed record StoreTotals(int StoreId, decimal Revenue, long Items);

/// <summary>
/// A view's order-level figures by day: from <see cref="OrderDaySales"/> and <see cref="OrderHourCounts"/> where the
/// rollups cover the days (<see cref="RollupCoverage"/>), from the orders elsewhere. <c>orders(filter, cancellations)</c>
/// is the view's orders of a range of days, with every filter of the view applied.
/// </summary>
internal static class OrderSales
{
    /// <summary>Money as SQL Server and PostgreSQL keep it (4 places), so a sum of days equals a sum of orders.</summary>
    private static decimal Money(decimal value) => Math.Round(value, 4);

    public static async Task<IReadOnlyList<DayTotals>> DaysAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var days = new List<DayTotals>();
        foreach (var (from, to, rolled) in coverage.Days(f.From, f.To))
        {
            if (rolled)
            {
                days.AddRange(await DayRows(db, f, from, to).GroupBy(r => new { r.Day, r.IsCancellation })
                    .Select(g => new DayTotals(g.Key.Day, g.Key.IsCancellation, g.Sum(r => r.Orders), g.Sum(r => r.Revenue), g.Sum(r => r.Items)))
                    .ToListAsync(ct));
                continue;
            }
            foreach (var cancellations in new[] { false, true })
            {
                days.AddRange(await orders(f with { From = from, To = to }, cancellations).GroupBy(o => o.PlacedOn)
                    .Select(g => new DayTotals(g.Key, cancellations, g.Count(), g.Sum(o => o.Revenue), g.Sum(o => (long)o.Items)))
                    .ToListAsync(ct));
            }
        }
        return days.Select(d => d with { Revenue = Money(d.Revenue) }).ToList();
    }

    /// <summary>How many sales had 1, 2–5, … lines (<see cref="BasketSizes.Buckets"/>).</summary>
    public static async Task<int[]> BasketsAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var counts = new int[BasketSizes.Buckets.Length];
        foreach (var (from, to, rolled) in coverage.Days(f.From, f.To))
        {
            if (rolled)
            {
                var sums = await DayRows(db, f, from, to).Where(r => !r.IsCancellation).GroupBy(r => 1)
                    .Select(g => new[]
                    {
                        g.Sum(r => r.Lines1), g.Sum(r => r.Lines2To5), g.Sum(r => r.Lines6To10),
                        g.Sum(r => r.Lines11To20), g.Sum(r => r.Lines21To50), g.Sum(r => r.Lines51Up),
                    })
                    .ToListAsync(ct); // one group, or none: no First() (EF Core warns of First without an order)
                foreach (var row in sums)
                {
                    for (var i = 0; i < counts.Length; i++)
                    {
                        counts[i] += row[i];
                    }
                }
                continue;
            }
            var byLines = await orders(f with { From = from, To = to }, false).GroupBy(o => o.LineCount)
                .Select(g => new { Lines = g.Key, Orders = g.Count() }).ToListAsync(ct);
            foreach (var row in byLines)
            {
                counts[BasketSizes.BucketOf(row.Lines)] += row.Orders;
            }
        }
        return counts;
    }

    public static async Task<IReadOnlyList<HourOrders>> HoursAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var hours = new List<HourOrders>();
        foreach (var (from, to, rolled) in coverage.Days(f.From, f.To))
        {
            if (rolled)
            {
                var rows = db.OrderHourCounts.Where(r => r.Day >= from && r.Day <= to);
                if (f.StoreId is { } store)
                {
                    rows = rows.Where(r => r.StoreKey == store);
                }
                hours.AddRange(await rows.GroupBy(r => new { r.Day, r.Hour })
                    .Select(g => new HourOrders(g.Key.Day, g.Key.Hour, g.Sum(r => r.Orders))).ToListAsync(ct));
                continue;
            }
            hours.AddRange(await orders(f with { From = from, To = to }, false).GroupBy(o => new { o.PlacedOn, o.PlacedAt.Hour })
                .Select(g => new HourOrders(g.Key.PlacedOn, g.Key.Hour, g.Count())).ToListAsync(ct));
        }
        return hours;
    }

    /// <summary>Sales by store (sales without a store are left out).</summary>
    public static async Task<IReadOnlyList<StoreTotals>> ByStoreAsync(RetailDbContext db, DashboardFilter f, RollupCoverage coverage,
        Func<DashboardFilter, bool, IQueryable<Order>> orders, CancellationToken ct)
    {
        var stores = new List<StoreTotals>();
        foreach (var (from, to, rolled) in coverage.Days(f.From, f.To))
        {
            stores.AddRange(rolled
                ? await DayRows(db, f, from, to).Where(r => !r.IsCancellation && r.StoreKey != 0).GroupBy(r => r.StoreKey)
                    .Select(g => new StoreTotals(g.Key, g.Sum(r => r.Revenue), g.Sum(r => r.Items))).ToListAsync(ct)
                : await orders(f with { From = from, To = to }, false).Where(o => o.StoreId != null).GroupBy(o => o.StoreId!.Value)
                    .Select(g => new StoreTotals(g.Key, g.Sum(o => o.Revenue), g.Sum(o => (long)o.Items))).ToListAsync(ct));
        }
        return stores.GroupBy(s => s.StoreId).Select(g => new StoreTotals(g.Key, Money(g.Sum(s => s.Revenue)), g.Sum(s => s.Items))).ToList();
    }

    /// <summary>The first and last day with any order (sales or cancellations).</summary>
    public static async Task<(DateOnly? First, DateOnly? Last)> SpanAsync(RetailDbContext db, RollupCoverage coverage, CancellationToken ct)
    {
        if (coverage.AnyDirty)
        {
            return (await db.Orders.MinAsync(o => (DateOnly?)o.PlacedOn, ct), await db.Orders.MaxAsync(o => (DateOnly?)o.PlacedOn, ct));
        }
        return (await db.OrderDaySales.MinAsync(r => (DateOnly?)r.Day, ct), await db.OrderDaySales.MaxAsync(r => (DateOnly?)r.Day, ct));
    }

    /// <summary>The first day one store sold (or took a return): a store opened, or its history imported, later than the rest.</summary>
    public static async Task<DateOnly?> FirstDayAsync(RetailDbContext db, RollupCoverage coverage, int storeId, CancellationToken ct) =>
        coverage.AnyDirty
            ? await db.Orders.Where(o => o.StoreId == storeId).MinAsync(o => (DateOnly?)o.PlacedOn, ct)
            : await db.OrderDaySales.Where(r => r.StoreKey == storeId).MinAsync(r => (DateOnly?)r.Day, ct);

    private static IQueryable<OrderDaySales> DayRows(RetailDbContext db, DashboardFilter f, DateOnly from, DateOnly to)
    {
        var rows = db.OrderDaySales.Where(r => r.Day >= from && r.Day <= to);
        return f.StoreId is { } store ? rows.Where(r => r.StoreKey == store) : rows;
    }
}
