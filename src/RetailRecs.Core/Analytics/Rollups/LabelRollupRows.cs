using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// The label rollups' rows (<see cref="CategoryDaySales"/>, <see cref="CountryDaySales"/>) for a range of days: summed
/// from the day rollup and the orders with the labels the catalog and the customers have now. Written by each month's
/// refresh, and rebuilt for every day when a label changed (<see cref="RollupLabelChange"/>). One INSERT … SELECT per
/// table on SQLite and PostgreSQL, EF Core on other providers. On PostgreSQL without the pending orders (<see cref="PendingSales"/>).
/// </summary>
internal static class LabelRollupRows
{
    public static async Task DeleteAsync(RetailDbContext db, DateOnly from, DateOnly next, CancellationToken ct)
    {
        await db.CategoryDaySales.Where(r => r.Day >= from && r.Day < next).ExecuteDeleteAsync(ct);
        await db.CountryDaySales.Where(r => r.Day >= from && r.Day < next).ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Rebuilds one label's rows if a change was marked, a month per transaction (at 100× the Online Retail data the
    /// whole rebuild is tens of seconds, longer than a writer waits for SQLite's lock), and then removes the marks it
    /// saw (those ids, not every id up to the last: see <see cref="SalesRollup"/>'s month refresh). Until then the
    /// dashboard does not read the label's rows, so half-rebuilt months are never shown; a month
    /// refreshed meanwhile writes its rows with today's labels too. Months still dirty are rebuilt from their stale day
    /// rows: the dashboard reads them from the lines until their own refresh. Returns how many pending orders
    /// (<see cref="PendingSales"/>) it added after its months.
    /// </summary>
    /// <param name="fresh">Months whose rows were written after the marks <see cref="FreshMonths.Marks"/>: skipped when
    /// no other mark is found.</param>
    public static async Task<int> RebuildIfChangedAsync(IDbContextFactory<RetailDbContext> contexts, RollupLabel label, bool portable,
        FreshMonths fresh, CancellationToken ct)
    {
        List<long> seen;
        List<DateOnly> months;
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            seen = await db.RollupLabelChanges.Where(m => m.Label == label).Select(m => m.Id).ToListAsync(ct);
            if (seen.Count == 0)
            {
                return 0;
            }
            // The months with sales, and those the label's rows still hold (rows of a month without sales any more go too).
            var days = await db.OrderDaySales.Select(d => d.Day).Distinct()
                .Concat(label == RollupLabel.ProductCategory ? db.CategoryDaySales.Select(d => d.Day).Distinct() : db.CountryDaySales.Select(d => d.Day).Distinct())
                .ToListAsync(ct);
            months = [.. days.Select(SalesRollup.MonthOf).Distinct().Order()];
        }
        if (seen.All(fresh.Marks.Contains))
        {
            months.RemoveAll(fresh.Months.Contains);
        }
        var pending = 0;
        foreach (var month in months)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));
            await using var tx = await BeginAsync(db, lengthy: true, ct);
            var next = month.AddMonths(1);
            if (label == RollupLabel.ProductCategory)
            {
                await db.CategoryDaySales.Where(r => r.Day >= month && r.Day < next).ExecuteDeleteAsync(ct);
            }
            else
            {
                await db.CountryDaySales.Where(r => r.Day >= month && r.Day < next).ExecuteDeleteAsync(ct);
            }
            await InsertAsync(db, label, month, next, portable, ct);
            await tx.CommitAsync(ct);
            pending += await PendingSales.ApplyAsync(contexts, ct); // the tills' sales that went pending meanwhile
        }
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await using var tx = await BeginAsync(db, lengthy: false, ct);
            await db.RollupLabelChanges.Where(m => seen.Contains(m.Id)).ExecuteDeleteAsync(ct);
            await tx.CommitAsync(ct);
        }
        return pending;
    }

    /// <summary>
    /// Months a refresh wrote after reading the label's <paramref name="Marks"/> (ids; empty: none): their rows have the
    /// labels of those marks, so a rebuild for those marks alone need not write them again.
    /// </summary>
    public sealed record FreshMonths(IReadOnlySet<long> Marks, IReadOnlyCollection<DateOnly> Months);

    /// <summary>A transaction that takes its turn with the month refreshes (on PostgreSQL through their advisory lock).</summary>
    /// <param name="lengthy">A month's rows: seconds to minutes on a chain's data (<see cref="SalesRollup.TakeLongTurnAsync"/>).</param>
    private static async Task<Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction> BeginAsync(RetailDbContext db, bool lengthy, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (lengthy)
        {
            await SalesRollup.TakeLongTurnAsync(db, ct);
            await SalesRollup.WidenWorkMemoryAsync(db, ct);
        }
        else
        {
            await SalesRollup.TakeTurnAsync(db, ct);
        }
        return tx;
    }

    /// <summary>One label's rows for the days from <paramref name="start"/> to before <paramref name="next"/> (after the day rollup's).</summary>
    public static async Task InsertAsync(RetailDbContext db, RollupLabel label, DateOnly start, DateOnly next, bool portable, CancellationToken ct)
    {
        var sqlite = db.Database.IsSqlite() && !portable;
        var postgres = db.Database.IsNpgsql() && !portable;
        switch (label)
        {
            case RollupLabel.ProductCategory when sqlite:
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO CategoryDaySales (Day, StoreKey, Category, IsNonMerchandise, Revenue, Units, PricedLines)
                    SELECT d.Day, d.StoreKey, COALESCE(p.Category, p.AutoCategory), p.IsNonMerchandise, SUM(d.Revenue), SUM(d.Units), SUM(d.PricedLines)
                    FROM ProductDaySales d JOIN Products p ON p.Id = d.ProductId
                    WHERE d.Day >= {start} AND d.Day < {next}
                    GROUP BY d.Day, d.StoreKey, COALESCE(p.Category, p.AutoCategory), p.IsNonMerchandise
                    """, ct);
                return;
            case RollupLabel.ProductCategory when postgres:
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "CategoryDaySales" ("Day", "StoreKey", "Category", "IsNonMerchandise", "Revenue", "Units", "PricedLines")
                    SELECT d."Day", d."StoreKey", COALESCE(p."Category", p."AutoCategory"), p."IsNonMerchandise", SUM(d."Revenue"), SUM(d."Units"), SUM(d."PricedLines")
                    FROM "ProductDaySales" d JOIN "Products" p ON p."Id" = d."ProductId"
                    WHERE d."Day" >= {start} AND d."Day" < {next}
                    GROUP BY d."Day", d."StoreKey", COALESCE(p."Category", p."AutoCategory"), p."IsNonMerchandise"
                    """, ct);
                return;
            case RollupLabel.ProductCategory:
                db.CategoryDaySales.AddRange(await (
                    from d in db.ProductDaySales
                    join p in db.Products on d.ProductId equals p.Id
                    where d.Day >= start && d.Day < next
                    group d by new { d.Day, d.StoreKey, Category = p.Category ?? p.AutoCategory, p.IsNonMerchandise } into g
                    select new CategoryDaySales
                    {
                        Day = g.Key.Day, StoreKey = g.Key.StoreKey, Category = g.Key.Category, IsNonMerchandise = g.Key.IsNonMerchandise,
                        Revenue = g.Sum(d => d.Revenue), Units = g.Sum(d => d.Units), PricedLines = g.Sum(d => d.PricedLines),
                    }).ToListAsync(ct));
                break;
            case RollupLabel.CustomerCountry when sqlite:
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO CountryDaySales (Day, StoreKey, Member, Country, Orders, Revenue, Items)
                    SELECT o.PlacedOn, COALESCE(o.StoreId, 0), o.CustomerId IS NOT NULL, c.Country, COUNT(*), SUM(o.Revenue), SUM(o.Items)
                    FROM Orders o LEFT JOIN Customers c ON c.Id = o.CustomerId
                    WHERE o.IsCancellation = 0 AND o.PlacedOn >= {start} AND o.PlacedOn < {next}
                    GROUP BY o.PlacedOn, COALESCE(o.StoreId, 0), o.CustomerId IS NOT NULL, c.Country
                    """, ct);
                return;
            case RollupLabel.CustomerCountry when postgres:
                await db.Database.ExecuteSqlAsync($"""
                    INSERT INTO "CountryDaySales" ("Day", "StoreKey", "Member", "Country", "Orders", "Revenue", "Items")
                    SELECT o."PlacedOn", COALESCE(o."StoreId", 0), o."CustomerId" IS NOT NULL, c."Country", COUNT(*), SUM(o."Revenue"), SUM(o."Items")
                    FROM "Orders" o LEFT JOIN "Customers" c ON c."Id" = o."CustomerId"
                    WHERE NOT o."IsCancellation" AND o."PlacedOn" >= {start} AND o."PlacedOn" < {next}
                      AND o."Id" NOT IN (SELECT p."OrderId" FROM "RollupPendingOrders" p)
                    GROUP BY o."PlacedOn", COALESCE(o."StoreId", 0), o."CustomerId" IS NOT NULL, c."Country"
                    """, ct);
                return;
            default:
                var no = false;
                db.CountryDaySales.AddRange(await db.Orders
                    .Where(o => o.IsCancellation == no && o.PlacedOn >= start && o.PlacedOn < next)
                    .GroupBy(o => new { o.PlacedOn, o.StoreId, Member = o.CustomerId != null, o.Customer!.Country })
                    .Select(g => new CountryDaySales
                    {
                        Day = g.Key.PlacedOn, StoreKey = g.Key.StoreId ?? 0, Member = g.Key.Member, Country = g.Key.Country,
                        Orders = g.Count(), Revenue = g.Sum(o => o.Revenue), Items = g.Sum(o => (long)o.Items),
                    }).ToListAsync(ct));
                break;
        }
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await db.SaveChangesAsync(ct);
    }
}
