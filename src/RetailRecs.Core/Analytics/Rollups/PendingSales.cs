using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// The events API's sales stored while a month's refresh held the rollups (<see cref="RollupPendingOrder"/>; PostgreSQL
/// only, where that refresh takes minutes on a chain's data; SQLite's one writer and SQL Server's marks need none). Marking their month instead, as before, made every refresh
/// that outlasted a till's patience leave a fresh mark behind it: the current month was refreshed again and again, the
/// dashboard read it from its lines all the while, and every till waited out its patience during each refresh. A
/// pending order costs its own sales' deltas once, added by <see cref="ApplyAsync"/> in the refreshes' turn.
/// The refresh's PostgreSQL statements leave pending orders out, so each order is counted by the refresh or by its
/// delta, never both: a pending row commits with its order, so every statement sees both or neither.
/// </summary>
internal static class PendingSales
{
    /// <summary>
    /// Orders added per transaction: a refresh of minutes at hundreds of sales a second leaves tens of thousands, and
    /// each batch holds the tills' turn (a short one: they wait for it rather than go pending again).
    /// </summary>
    private const int Batch = 250;

    /// <summary>Records <paramref name="orders"/> (saved, ids assigned) as pending, in the caller's transaction.</summary>
    public static void Add(RetailDbContext db, IEnumerable<Order> orders)
    {
        foreach (var order in orders)
        {
            db.RollupPendingOrders.Add(new RollupPendingOrder { OrderId = order.Id, Month = SalesRollup.MonthOf(order.PlacedOn) });
        }
    }

    /// <summary>Adds every pending order's sales to the rollups, a batch per transaction; returns how many orders.</summary>
    public static async Task<int> ApplyAsync(IDbContextFactory<RetailDbContext> contexts, CancellationToken ct)
    {
        var added = 0;
        while (true)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            if (!await db.RollupPendingOrders.AnyAsync(ct))
            {
                return added; // the usual case: one indexed read, no turn taken
            }
            // The turn may be another instance's month refresh: minutes on a chain's data, as the refresh itself allows.
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await SalesRollup.TakeTurnAsync(db, ct);
            var batch = Stopwatch.StartNew();
            var ids = await db.RollupPendingOrders.OrderBy(p => p.OrderId).Select(p => p.OrderId).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0)
            {
                return added; // another instance added them meanwhile
            }
            // An erasure of their customers commits first (their orders are then read as guests'), or waits for this
            // batch and then removes what it wrote for them: the erasure locks its customers for update, as here in the
            // same order (by id), and a pending order, unlike a till's new one, holds no key lock on its customer.
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlAsync($"""
                    SELECT 1 FROM "Customers" c
                    WHERE c."Id" IN (SELECT o."CustomerId" FROM "Orders" o WHERE o."Id" = ANY({ids.ToArray()}))
                    ORDER BY c."Id" FOR KEY SHARE
                    """, ct);
            }
            var orders = await db.Orders.AsNoTracking().Include(o => o.Lines).Where(o => ids.Contains(o.Id)).ToListAsync(ct);
            await SaleRollupDeltas.ApplyAsync(db, orders, ct);
            await db.RollupPendingOrders.Where(p => ids.Contains(p.OrderId)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
            added += ids.Count;
            // The tills' turn between batches: this loop's lock waits ahead of their polls, so back to back it kept
            // them out for the whole catch-up (28,523 orders at 100× in 23 s, the API's p95 12 s meanwhile), and each
            // group that waited out its patience went pending again.
            await Task.Delay(batch.Elapsed, ct);
        }
    }
}
