using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// The label rollups' rows (<see cref="CategoryDaySales"/>, <see cref="CountryDaySales"/>) for a range of days: summed
/// from the day rollup and the orders with the labels the catalog and the customers have now. Written by each month's
/// refresh, and rebuilt for every day when a label changed (<see cref="RollupLabelChange"/>). One INSERT … SELECT per
/// table on SQLite and PostgreSQL, EF Core on other providers.
/// </summary>
internal static class LabelRollupRows
{
    public static async Task DeleteAsync(RetailDbContext db, DateOnly from, DateOnly next, CancellationToken ct)
    {
        await db.CategoryDaySales.Where(r => r.Day >= from && r.Day < next).ExecuteDeleteAsync(ct);
        await db.CountryDaySales.Where(r => r.Day >= from && r.Day < next).ExecuteDeleteAsync(ct);
    }

    /// <summary>Both labels' rows for the days from <paramref name="from"/> to before <paramref name="next"/> (after the day rollup's).</summary>
    public static async Task InsertAsync(RetailDbContext db, DateOnly from, DateOnly next, bool portable, CancellationToken ct)
    {
        await InsertAsync(db, RollupLabel.ProductCategory, from, next, portable, ct);
        await InsertAsync(db, RollupLabel.CustomerCountry, from, next, portable, ct);
    }

    /// <summary>
    /// Rebuilds one label's rows for every day if a change was marked, in one transaction, and removes the marks it saw.
    /// Returns whether it did. Months still dirty are rebuilt from their stale day rows: the dashboard reads them from
    /// the lines until their own refresh, which writes their label rows again.
    /// </summary>
    public static async Task<bool> RebuildIfChangedAsync(RetailDbContext db, RollupLabel label, bool portable, long refreshLock, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({refreshLock})", ct);
        }
        var seen = await db.RollupLabelChanges.Where(m => m.Label == label).MaxAsync(m => (long?)m.Id, ct);
        if (seen is null)
        {
            return false;
        }
        if (label == RollupLabel.ProductCategory)
        {
            await db.CategoryDaySales.ExecuteDeleteAsync(ct);
        }
        else
        {
            await db.CountryDaySales.ExecuteDeleteAsync(ct);
        }
        await InsertAsync(db, label, DateOnly.MinValue, DateOnly.MaxValue, portable, ct);
        await db.RollupLabelChanges.Where(m => m.Label == label && m.Id <= seen).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task InsertAsync(RetailDbContext db, RollupLabel label, DateOnly start, DateOnly next, bool portable, CancellationToken ct)
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
