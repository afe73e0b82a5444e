using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// Keeps <see cref="ProductMonthSales"/> and <see cref="ProductDaySales"/> (and the order-level rollups) in step with the lines. Writers mark the months they touch
/// (<see cref="Mark"/>, or RetailDbContext for every saved order), in their own transaction; a refresh recomputes
/// each marked month from its lines and removes the marks it has seen. Until then the dashboard reads that month from
/// the lines (<see cref="ProductSales"/>), so its figures never depend on when the refresh ran. The events API's new
/// sales are added to the rows instead, in the transaction that stores them (<see cref="SaleRollupDeltas"/>), or on
/// PostgreSQL, when a refresh holds the rows, right after it (<see cref="PendingSales"/>).
/// </summary>
public static class SalesRollup
{
    /// <summary>PostgreSQL advisory lock taken by each month's refresh (an arbitrary constant: "RR rollup").</summary>
    private const long RefreshLockKey = 0x5252_726F_6C6C;

    /// <summary>
    /// PostgreSQL advisory lock held, before the turn, by work that keeps the turn for seconds to minutes on a chain's
    /// data (a month's refresh, a label's rebuild): a till's sale that finds it taken goes pending at once
    /// (<see cref="TryTakeTurnAsync"/>) instead of waiting out its patience. "RR long".
    /// </summary>
    private const long LongTurnLockKey = 0x5252_6C6F_6E67;

    /// <summary>
    /// In the caller's transaction, waits for any refresh (or sales' rollup rows, <see cref="SaleRollupDeltas"/>) written
    /// by another instance to commit, and holds the others off until this transaction ends. PostgreSQL only: SQLite's
    /// one writer at a time does the same.
    /// </summary>
    internal static async Task TakeTurnAsync(RetailDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RefreshLockKey})", ct);
        }
    }

    /// <summary>As <see cref="TakeTurnAsync"/>, for work that holds the turn long (see <see cref="LongTurnLockKey"/>).</summary>
    internal static async Task TakeLongTurnAsync(RetailDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LongTurnLockKey})", ct);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RefreshLockKey})", ct);
        }
    }

    /// <summary>
    /// PostgreSQL: 64 MB for each hash and sort of the caller's transaction instead of the server's default 4 MB, with
    /// which a month's aggregation at 100× spilled the month's orders' hash to disk in batches and sorted millions of
    /// groups on disk. The pending orders' list (<see cref="PendingSales"/>) is hashed within it too.
    /// </summary>
    internal static async Task WidenWorkMemoryAsync(RetailDbContext db, CancellationToken ct)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL work_mem = '64MB'", ct);
        }
    }

    /// <summary>
    /// As <see cref="TakeTurnAsync"/>, but gives up after <paramref name="patience"/>, or at once when the turn is held
    /// long (<see cref="TakeLongTurnAsync"/>): a month's refresh at 100× the Online Retail data holds it for minutes on
    /// PostgreSQL, longer than a till waits for its answer. Polls instead of waiting, so giving up leaves the transaction usable.
    /// </summary>
    internal static async Task<bool> TryTakeTurnAsync(RetailDbContext db, TimeSpan patience, CancellationToken ct)
    {
        if (!db.Database.IsNpgsql())
        {
            return true;
        }
        var until = DateTime.UtcNow + patience;
        var checkedLong = false;
        while (true)
        {
            if (await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({RefreshLockKey}) AS \"Value\"").SingleAsync(ct))
            {
                return true;
            }
            // Held briefly by another till's sales, or long by a refresh (taken or waited for: either way no shared hold is
            // granted). Once granted, the shared hold keeps any refresh from starting until this transaction ends.
            if (!checkedLong && !await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock_shared({LongTurnLockKey}) AS \"Value\"").SingleAsync(ct))
            {
                return false;
            }
            checkedLong = true;
            if (DateTime.UtcNow >= until)
            {
                return false;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(25), ct);
        }
    }

    public static DateOnly MonthOf(DateTime at) => CalendarMonth.Of(at);

    public static DateOnly MonthOf(DateOnly day) => CalendarMonth.Of(day);

    /// <summary>Marks <paramref name="months"/> dirty in the caller's transaction (saved with its next SaveChanges).</summary>
    public static void Mark(RetailDbContext db, IEnumerable<DateOnly> months)
    {
        foreach (var month in months.Select(MonthOf).Distinct())
        {
            db.RollupDirtyMonths.Add(new RollupDirtyMonth { Month = month });
        }
    }

    /// <summary>
    /// Marks every month that has sales when there are no rollup rows and no marks at all: a database whose sales
    /// predate the rollups is completed by the next refresh. Runs at every start (each CLI command too), so a database
    /// that has rollups costs one indexed read; one whose rows were lost since is rebuilt by <c>rollups --rebuild</c>.
    /// </summary>
    public static async Task<int> MarkMissingAsync(RetailDbContext db, CancellationToken ct = default)
    {
        // Rollups added since (the order-level ones, then the product days, came after the product months) count as missing too.
        if ((await db.ProductMonthSales.AnyAsync(ct) && await db.OrderDaySales.AnyAsync(ct) && await db.ProductDaySales.AnyAsync(ct))
            || await db.RollupDirtyMonths.AnyAsync(ct))
        {
            return 0;
        }
        var days = await db.Orders.Select(o => o.PlacedOn).Distinct().ToListAsync(ct);
        var months = days.Select(MonthOf).Distinct().ToList();
        Mark(db, months);
        await db.SaveChangesAsync(ct);
        return months.Count;
    }

    /// <summary>Marks every label rollup for a rebuild (in the caller's transaction, saved with its next SaveChanges).</summary>
    public static void MarkLabels(RetailDbContext db)
    {
        foreach (var label in Enum.GetValues<RollupLabel>())
        {
            db.RollupLabelChanges.Add(new RollupLabelChange { Label = label });
        }
    }

    /// <summary>Marks every month with sales: <c>rollups --rebuild</c>, after the lines were changed around the app.</summary>
    public static async Task<int> MarkAllAsync(RetailDbContext db, CancellationToken ct = default)
    {
        var days = await db.Orders.Select(o => o.PlacedOn).Distinct().ToListAsync(ct);
        var rolled = await db.ProductMonthSales.Select(r => r.Month).Distinct()
            .Concat(db.CustomerMonthSales.Select(r => r.Month).Distinct()).ToListAsync(ct);
        var days2 = await db.OrderDaySales.Select(r => r.Day).Distinct().ToListAsync(ct);
        var months = days.Concat(days2).Select(MonthOf).Concat(rolled).Distinct().ToList();
        Mark(db, months);
        MarkLabels(db);
        await db.SaveChangesAsync(ct);
        return months.Count;
    }

    /// <summary>Recomputes every dirty month, one transaction per month, and adds the pending orders.</summary>
    public static Task<RefreshedRollups> RefreshAsync(IDbContextFactory<RetailDbContext> contexts, CancellationToken ct = default) =>
        RefreshAsync(contexts, portable: false, ct);

    /// <param name="portable">Tests: the EF Core path other providers take, on SQLite.</param>
    internal static async Task<RefreshedRollups> RefreshAsync(IDbContextFactory<RetailDbContext> contexts, bool portable, CancellationToken ct)
    {
        var pending = 0;
        List<DateOnly> months;
        Dictionary<RollupLabel, HashSet<long>> labelsMarked;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            months = await db.RollupDirtyMonths.Select(m => m.Month).Distinct().OrderBy(m => m).ToListAsync(ct);
            labelsMarked = (await db.RollupLabelChanges.Select(m => new { m.Label, m.Id }).ToListAsync(ct))
                .GroupBy(m => m.Label).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToHashSet());
        }
        var refreshed = new List<DateOnly>();
        foreach (var month in months)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            // Deleting a month's product rows touches every page of the per-product index, which outgrows SQLite's 2 MB
            // cache with the catalog: at 100× the month's delete took 8.0 s with it and 4.0 s with 64 MiB.
            await using var cache = await SqlitePageCache.WidenAsync(db, ct);
            if (await RefreshMonthAsync(db, month, portable, ct))
            {
                refreshed.Add(month);
            }
            // Sales the API stored while this month held the rollups: added now, not after every other month.
            pending += await PendingSales.ApplyAsync(contexts, ct);
        }
        // Labels changed since their rows were written (a category, a country): rebuilt for every day from the finer rollups,
        // except the months just refreshed when every mark was there before they were (a first import after the migration
        // that marks both labels: the rebuild would write its months' rows a second time, 3 s at 10×, 44 s at 100×).
        foreach (var label in Enum.GetValues<RollupLabel>())
        {
            var fresh = new LabelRollupRows.FreshMonths(labelsMarked.GetValueOrDefault(label) ?? [], refreshed);
            pending += await LabelRollupRows.RebuildIfChangedAsync(contexts, label, portable, fresh, ct);
        }
        pending += await PendingSales.ApplyAsync(contexts, ct);
        return new RefreshedRollups(refreshed.Count, pending);
    }

    /// <summary>
    /// The marks are read first, and only those are removed: a sale committed after that read has a mark the read did
    /// not see, which stays, so the month is refreshed again; a sale committed before it is in the lines read next
    /// (PostgreSQL reads each statement's own snapshot; SQLite's transaction holds the write lock from its start). Not
    /// "every mark up to the last one seen": on PostgreSQL a mark's id is drawn when it is inserted, not when it
    /// commits, so a writer that commits late has a lower id than marks already visible. A concurrent refresh of the
    /// same month on another instance fails on the key and leaves this one's rows.
    /// </summary>
    /// <returns>Whether this call refreshed the month (not when another refresh had done it meanwhile).</returns>
    private static async Task<bool> RefreshMonthAsync(RetailDbContext db, DateOnly month, bool portable, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Refreshes on several instances take turns (SQLite's write lock does the same), so the check for the last
        // mark below sees every other refresh's deletions.
        await TakeLongTurnAsync(db, ct);
        await WidenWorkMemoryAsync(db, ct);
        var seen = await db.RollupDirtyMonths.Where(m => m.Month == month).Select(m => m.Id).ToListAsync(ct);
        if (seen.Count == 0)
        {
            return false; // refreshed by someone else meanwhile
        }
        var next = month.AddMonths(1);
        await db.ProductMonthSales.Where(r => r.Month == month).ExecuteDeleteAsync(ct);
        await db.ProductDaySales.Where(r => r.Day >= month && r.Day < next).ExecuteDeleteAsync(ct);
        await OrderRollupRows.DeleteAsync(db, month, next, ct);
        await LabelRollupRows.DeleteAsync(db, month, next, ct);
        var categoriesWritten = await InsertFromLinesAsync(db, month, next, portable, ct);
        await OrderRollupRows.InsertAsync(db, month, next, portable, ct);
        if (!categoriesWritten)
        {
            await LabelRollupRows.InsertAsync(db, RollupLabel.ProductCategory, month, next, portable, ct);
        }
        await LabelRollupRows.InsertAsync(db, RollupLabel.CustomerCountry, month, next, portable, ct);
        await db.RollupDirtyMonths.Where(m => seen.Contains(m.Id)).ExecuteDeleteAsync(ct);
        // The cohort cells depend on every month (a sale in an old month moves a customer's first month): recomputed by
        // the transaction that removes the last mark, so whenever no month is dirty they match the months. Until then
        // the dashboard reads the orders.
        if (!await db.RollupDirtyMonths.AnyAsync(ct))
        {
            await OrderRollupRows.RecomputeCohortsAsync(db, portable, ct);
        }
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The month's rows, aggregated and inserted by the database on SQLite and PostgreSQL (a chain's month is millions of
    /// lines; reading its groups out and inserting them back took 7.6 s for the 13 months of the Online Retail data and
    /// 34.9 s at 10×, in SQL 0.7 s and 7.2 s): the lines summed per day, store and product, then the days per month; other
    /// providers through EF Core. Sums as double, like the dashboard. On PostgreSQL without the pending orders (<see cref="PendingSales"/>).
    /// </summary>
    /// <returns>Whether the month's category rows were written too (PostgreSQL).</returns>
    private static async Task<bool> InsertFromLinesAsync(RetailDbContext db, DateOnly month, DateOnly next, bool portable, CancellationToken ct)
    {
        if (db.Database.IsSqlite() && !portable)
        {
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ProductDaySales (Day, StoreKey, ProductId, Revenue, Units, PricedLines)
                SELECT o.PlacedOn, COALESCE(o.StoreId, 0), l.ProductId, COALESCE(SUM(CAST(l.UnitPrice AS REAL) * l.Quantity), 0.0),
                       SUM(l.Quantity), COUNT(l.UnitPrice)
                FROM Orders o JOIN OrderLines l ON l.OrderId = o.Id
                WHERE o.IsCancellation = 0 AND o.PlacedOn >= {month} AND o.PlacedOn < {next}
                GROUP BY o.PlacedOn, COALESCE(o.StoreId, 0), l.ProductId
                """, ct);
            await db.Database.ExecuteSqlAsync($"""
                INSERT INTO ProductMonthSales (Month, StoreKey, ProductId, Revenue, Units, PricedLines, PositiveDayRevenue)
                SELECT {month}, d.StoreKey, d.ProductId, SUM(d.Revenue), SUM(d.Units), SUM(d.PricedLines), SUM(MAX(d.Revenue, 0.0))
                FROM ProductDaySales d
                WHERE d.Day >= {month} AND d.Day < {next}
                GROUP BY d.StoreKey, d.ProductId
                """, ct);
            return false;
        }
        if (db.Database.IsNpgsql() && !portable)
        {
            // One statement: the month's product and category rows from the day rows as they are inserted (RETURNING),
            // not read back from the table, where each read also met the deleted versions of the month's rows. At 100×
            // the three took 84.1 + 41.1 + 46.2 s for November as separate statements, 86.9 s as this one.
            // The pending orders are left out by a list hashed once (NOT IN), not by an anti-join the planner put
            // after the join with the lines and so ran per line: an empty table scanned 8.2 million times, 14 s at 100×.
            // The rows go in in their keys' order: in the aggregate's hash order each one landed on a random page of a
            // primary key larger than the server's buffers (1 GB at 100×), and its uniqueness check visited the deleted
            // row with the same key on a random heap page: the insert took 21 times as long at 100× as at 10×.
            // The month's lines are read order by order through the lines' index (the OFFSET 0 keeps the planner from
            // flattening the lateral read into a join): as a join the planner hashed the month's orders and scanned every
            // line of the history for each month refreshed (the statement's insert allows no parallel scan), so a month cost
            // more the longer the history. November at 100× (8.2 million of 53 million lines): the lines' read and its
            // aggregation 20.4 s → 10.8 s.
            await db.Database.ExecuteSqlAsync($"""
                WITH d AS (
                    INSERT INTO "ProductDaySales" ("Day", "StoreKey", "ProductId", "Revenue", "Units", "PricedLines")
                    SELECT o."PlacedOn", COALESCE(o."StoreId", 0), l."ProductId", COALESCE(SUM(CAST(l."UnitPrice" AS double precision) * l."Quantity"), 0),
                           SUM(l."Quantity"), COUNT(l."UnitPrice")
                    FROM "Orders" o CROSS JOIN LATERAL (
                        SELECT l."ProductId", l."UnitPrice", l."Quantity" FROM "OrderLines" l WHERE l."OrderId" = o."Id" OFFSET 0) l
                    WHERE NOT o."IsCancellation" AND o."PlacedOn" >= {month} AND o."PlacedOn" < {next}
                      AND o."Id" NOT IN (SELECT p."OrderId" FROM "RollupPendingOrders" p)
                    GROUP BY o."PlacedOn", COALESCE(o."StoreId", 0), l."ProductId"
                    ORDER BY o."PlacedOn", COALESCE(o."StoreId", 0), l."ProductId"
                    RETURNING "Day", "StoreKey", "ProductId", "Revenue", "Units", "PricedLines"
                ), m AS (
                    INSERT INTO "ProductMonthSales" ("Month", "StoreKey", "ProductId", "Revenue", "Units", "PricedLines", "PositiveDayRevenue")
                    SELECT {month}, d."StoreKey", d."ProductId", SUM(d."Revenue"), SUM(d."Units"), SUM(d."PricedLines"), SUM(GREATEST(d."Revenue", 0))
                    FROM d
                    GROUP BY d."StoreKey", d."ProductId"
                    ORDER BY d."StoreKey", d."ProductId"
                )
                INSERT INTO "CategoryDaySales" ("Day", "StoreKey", "Category", "IsNonMerchandise", "Revenue", "Units", "PricedLines")
                SELECT d."Day", d."StoreKey", COALESCE(p."Category", p."AutoCategory"), p."IsNonMerchandise", SUM(d."Revenue"), SUM(d."Units"), SUM(d."PricedLines")
                FROM d JOIN "Products" p ON p."Id" = d."ProductId"
                GROUP BY d."Day", d."StoreKey", COALESCE(p."Category", p."AutoCategory"), p."IsNonMerchandise"
                """, ct);
            return true;
        }
        var no = false;
        var days = await db.OrderLines
            .Where(l => l.Order!.IsCancellation == no && l.Order.PlacedOn >= month && l.Order.PlacedOn < next)
            .GroupBy(l => new { l.Order!.PlacedOn, l.Order.StoreId, l.ProductId })
            .Select(g => new ProductDaySales
            {
                Day = g.Key.PlacedOn,
                StoreKey = g.Key.StoreId ?? 0,
                ProductId = g.Key.ProductId,
                Revenue = g.Sum(l => (double?)l.UnitPrice * l.Quantity) ?? 0,
                Units = g.Sum(l => (long)l.Quantity),
                PricedLines = g.Count(l => l.UnitPrice != null),
            })
            .ToListAsync(ct);
        db.ProductDaySales.AddRange(days);
        db.ProductMonthSales.AddRange(days.GroupBy(d => (d.StoreKey, d.ProductId)).Select(g => new ProductMonthSales
        {
            Month = month, StoreKey = g.Key.StoreKey, ProductId = g.Key.ProductId,
            Revenue = g.Sum(d => d.Revenue), Units = g.Sum(d => d.Units), PricedLines = g.Sum(d => d.PricedLines),
            PositiveDayRevenue = g.Sum(d => Math.Max(d.Revenue, 0)),
        }));
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync(ct);
        return false;
    }
}
