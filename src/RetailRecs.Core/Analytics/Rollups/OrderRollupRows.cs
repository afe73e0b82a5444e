using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// One month's order-level rollup rows (<see cref="OrderDaySales"/>, <see cref="OrderHourCounts"/>,
/// <see cref="CustomerMonthSales"/>), computed from the orders' own totals. Like the product rows: one INSERT … SELECT
/// per table on SQLite and PostgreSQL, EF Core on other providers, inside the refresh's transaction. On PostgreSQL
/// without the pending orders (<see cref="PendingSales"/>).
/// </summary>
internal static class OrderRollupRows
{
    public static async Task DeleteAsync(RetailDbContext db, DateOnly month, DateOnly next, CancellationToken ct)
    {
        await db.OrderDaySales.Where(r => r.Day >= month && r.Day < next).ExecuteDeleteAsync(ct);
        await db.OrderHourCounts.Where(r => r.Day >= month && r.Day < next).ExecuteDeleteAsync(ct);
        await db.CustomerMonthSales.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
    }

    public static async Task InsertAsync(RetailDbContext db, DateOnly month, DateOnly next, bool portable, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && !portable)
        {
            // SQLite's comparisons are 0 or 1, so a SUM of one counts the orders it holds for.
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO OrderDaySales (Day, StoreKey, IsCancellation, Orders, Revenue, Items,
                                           Lines1, Lines2To5, Lines6To10, Lines11To20, Lines21To50, Lines51Up)
                SELECT o.PlacedOn, COALESCE(o.StoreId, 0), o.IsCancellation, COUNT(*), SUM(o.Revenue), SUM(o.Items),
                       SUM(o.LineCount <= 1), SUM(o.LineCount BETWEEN 2 AND 5), SUM(o.LineCount BETWEEN 6 AND 10),
                       SUM(o.LineCount BETWEEN 11 AND 20), SUM(o.LineCount BETWEEN 21 AND 50), SUM(o.LineCount > 50)
                FROM Orders o
                WHERE o.PlacedOn >= {month} AND o.PlacedOn < {next}
                GROUP BY o.PlacedOn, COALESCE(o.StoreId, 0), o.IsCancellation
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO OrderHourCounts (Day, StoreKey, Hour, Orders)
                SELECT o.PlacedOn, COALESCE(o.StoreId, 0), CAST(strftime('%H', o.PlacedAt) AS INTEGER), COUNT(*)
                FROM Orders o
                WHERE o.IsCancellation = 0 AND o.PlacedOn >= {month} AND o.PlacedOn < {next}
                GROUP BY o.PlacedOn, COALESCE(o.StoreId, 0), CAST(strftime('%H', o.PlacedAt) AS INTEGER)
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO CustomerMonthSales (Month, StoreKey, CustomerKey, Orders, Revenue, Items)
                SELECT {month}, COALESCE(o.StoreId, 0), COALESCE(o.CustomerId, 0), COUNT(*), SUM(o.Revenue), SUM(o.Items)
                FROM Orders o
                WHERE o.IsCancellation = 0 AND o.PlacedOn >= {month} AND o.PlacedOn < {next}
                GROUP BY COALESCE(o.StoreId, 0), COALESCE(o.CustomerId, 0)
                """, ct);
            return;
        }
        if (db.Database.IsNpgsql() && !portable)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OrderDaySales" ("Day", "StoreKey", "IsCancellation", "Orders", "Revenue", "Items",
                                             "Lines1", "Lines2To5", "Lines6To10", "Lines11To20", "Lines21To50", "Lines51Up")
                SELECT o."PlacedOn", COALESCE(o."StoreId", 0), o."IsCancellation", COUNT(*), SUM(o."Revenue"), SUM(o."Items"),
                       COUNT(*) FILTER (WHERE o."LineCount" <= 1), COUNT(*) FILTER (WHERE o."LineCount" BETWEEN 2 AND 5),
                       COUNT(*) FILTER (WHERE o."LineCount" BETWEEN 6 AND 10), COUNT(*) FILTER (WHERE o."LineCount" BETWEEN 11 AND 20),
                       COUNT(*) FILTER (WHERE o."LineCount" BETWEEN 21 AND 50), COUNT(*) FILTER (WHERE o."LineCount" > 50)
                FROM "Orders" o
                WHERE o."PlacedOn" >= {month} AND o."PlacedOn" < {next}
                  AND o."Id" NOT IN (SELECT p."OrderId" FROM "RollupPendingOrders" p)
                GROUP BY o."PlacedOn", COALESCE(o."StoreId", 0), o."IsCancellation"
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "OrderHourCounts" ("Day", "StoreKey", "Hour", "Orders")
                SELECT o."PlacedOn", COALESCE(o."StoreId", 0), CAST(EXTRACT(HOUR FROM o."PlacedAt") AS integer), COUNT(*)
                FROM "Orders" o
                WHERE NOT o."IsCancellation" AND o."PlacedOn" >= {month} AND o."PlacedOn" < {next}
                  AND o."Id" NOT IN (SELECT p."OrderId" FROM "RollupPendingOrders" p)
                GROUP BY o."PlacedOn", COALESCE(o."StoreId", 0), CAST(EXTRACT(HOUR FROM o."PlacedAt") AS integer)
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CustomerMonthSales" ("Month", "StoreKey", "CustomerKey", "Orders", "Revenue", "Items")
                SELECT {month}, COALESCE(o."StoreId", 0), COALESCE(o."CustomerId", 0), COUNT(*), SUM(o."Revenue"), SUM(o."Items")
                FROM "Orders" o
                WHERE NOT o."IsCancellation" AND o."PlacedOn" >= {month} AND o."PlacedOn" < {next}
                  AND o."Id" NOT IN (SELECT p."OrderId" FROM "RollupPendingOrders" p)
                GROUP BY COALESCE(o."StoreId", 0), COALESCE(o."CustomerId", 0)
                """, ct);
            return;
        }
        await InsertThroughEfAsync(db, month, next, ct);
    }

    private static async Task InsertThroughEfAsync(RetailDbContext db, DateOnly month, DateOnly next, CancellationToken ct)
    {
        var orders = db.Orders.Where(o => o.PlacedOn >= month && o.PlacedOn < next);
        var no = false;
        var days = await orders
            .GroupBy(o => new { o.PlacedOn, o.StoreId, o.IsCancellation })
            .Select(g => new OrderDaySales
            {
                Day = g.Key.PlacedOn,
                StoreKey = g.Key.StoreId ?? 0,
                IsCancellation = g.Key.IsCancellation,
                Orders = g.Count(),
                Revenue = g.Sum(o => o.Revenue),
                Items = g.Sum(o => (long)o.Items),
                Lines1 = g.Count(o => o.LineCount <= 1),
                Lines2To5 = g.Count(o => o.LineCount >= 2 && o.LineCount <= 5),
                Lines6To10 = g.Count(o => o.LineCount >= 6 && o.LineCount <= 10),
                Lines11To20 = g.Count(o => o.LineCount >= 11 && o.LineCount <= 20),
                Lines21To50 = g.Count(o => o.LineCount >= 21 && o.LineCount <= 50),
                Lines51Up = g.Count(o => o.LineCount > 50),
            })
            .ToListAsync(ct);
        var hours = await orders.Where(o => o.IsCancellation == no)
            .GroupBy(o => new { o.PlacedOn, o.StoreId, o.PlacedAt.Hour })
            .Select(g => new OrderHourCounts { Day = g.Key.PlacedOn, StoreKey = g.Key.StoreId ?? 0, Hour = g.Key.Hour, Orders = g.Count() })
            .ToListAsync(ct);
        var customers = await orders.Where(o => o.IsCancellation == no)
            .GroupBy(o => new { o.StoreId, o.CustomerId })
            .Select(g => new CustomerMonthSales
            {
                Month = month,
                StoreKey = g.Key.StoreId ?? 0,
                CustomerKey = g.Key.CustomerId ?? 0,
                Orders = g.Count(),
                Revenue = g.Sum(o => o.Revenue),
                Items = g.Sum(o => (long)o.Items),
            })
            .ToListAsync(ct);
        db.OrderDaySales.AddRange(days);
        db.OrderHourCounts.AddRange(hours);
        db.CustomerMonthSales.AddRange(customers);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Recomputes every cohort cell from the customer months: in the transaction that clears the refresh's last
    /// month, so whenever no month is dirty the cells match the months.
    /// </summary>
    public static async Task RecomputeCohortsAsync(RetailDbContext db, bool portable, CancellationToken ct)
    {
        await db.CustomerCohortMonths.ExecuteDeleteAsync(ct);
        if (db.Database.IsSqlite() && !portable)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO CustomerCohortMonths (Month, FirstMonth, Customers)
                SELECT a.Month, f.FirstMonth, COUNT(*)
                FROM (SELECT DISTINCT CustomerKey, Month FROM CustomerMonthSales WHERE CustomerKey <> 0) a
                JOIN (SELECT CustomerKey, MIN(Month) AS FirstMonth FROM CustomerMonthSales WHERE CustomerKey <> 0 GROUP BY CustomerKey) f
                  ON f.CustomerKey = a.CustomerKey
                GROUP BY a.Month, f.FirstMonth
                """, ct);
            return;
        }
        if (db.Database.IsNpgsql() && !portable)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "CustomerCohortMonths" ("Month", "FirstMonth", "Customers")
                SELECT a."Month", f."FirstMonth", COUNT(*)
                FROM (SELECT DISTINCT "CustomerKey", "Month" FROM "CustomerMonthSales" WHERE "CustomerKey" <> 0) a
                JOIN (SELECT "CustomerKey", MIN("Month") AS "FirstMonth" FROM "CustomerMonthSales" WHERE "CustomerKey" <> 0 GROUP BY "CustomerKey") f
                  ON f."CustomerKey" = a."CustomerKey"
                GROUP BY a."Month", f."FirstMonth"
                """, ct);
            return;
        }
        var firsts = db.CustomerMonthSales.Where(r => r.CustomerKey != 0).GroupBy(r => r.CustomerKey)
            .Select(g => new { Customer = g.Key, First = g.Min(r => r.Month) });
        var cells = await (from a in db.CustomerMonthSales.Where(r => r.CustomerKey != 0).Select(r => new { r.CustomerKey, r.Month }).Distinct()
                           join f in firsts on a.CustomerKey equals f.Customer
                           group a by new { a.Month, f.First } into g
                           select new CustomerCohortMonth { Month = g.Key.Month, FirstMonth = g.Key.First, Customers = g.Count() }).ToListAsync(ct);
        db.CustomerCohortMonths.AddRange(cells);
        await db.SaveChangesAsync(ct);
    }
}
