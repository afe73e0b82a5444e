using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Analytics;

/// <summary>Headline sales figures and revenue by month, aggregated in the database.</summary>
public sealed class SalesOverview(IDbContextFactory<RetailDbContext> contexts)
{
    public sealed record Summary(
        int Products, int Customers, int Orders, int Returns, decimal Revenue, decimal ReturnedValue,
        DateTime? FirstSale, DateTime? LastSale, int LinesWithoutPrice)
    {
        /// <summary>Net revenue per sales order (returns netted).</summary>
        public decimal AverageOrderValue => Orders == 0 ? 0 : (Revenue - ReturnedValue) / Orders;
        public double ReturnRate => Orders == 0 ? 0 : (double)Returns / Orders;
    }

    public sealed record MonthRevenue(int Year, int Month, int Orders, decimal Revenue);

    public async Task<Summary> GetSummaryAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sales = db.Orders.Where(o => !o.IsCancellation);
        var saleLines = db.OrderLines.Where(l => !l.Order!.IsCancellation);
        var returnLines = db.OrderLines.Where(l => l.Order!.IsCancellation);
        return new Summary(
            await db.Products.CountAsync(ct),
            await db.Customers.CountAsync(ct),
            await sales.CountAsync(ct),
            await db.Orders.CountAsync(o => o.IsCancellation, ct),
            // Lines without a price (unknown revenue) add nothing rather than counting as zero-priced sales.
            await saleLines.SumAsync(l => l.Quantity * l.UnitPrice, ct) ?? 0m,
            -(await returnLines.SumAsync(l => l.Quantity * l.UnitPrice, ct) ?? 0m),
            await sales.MinAsync(o => (DateTime?)o.PlacedAt, ct),
            await sales.MaxAsync(o => (DateTime?)o.PlacedAt, ct),
            await saleLines.CountAsync(l => l.UnitPrice == null, ct));
    }

    public async Task<IReadOnlyList<MonthRevenue>> GetRevenueByMonthAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Two grouped queries (orders per month, revenue per month) joined in memory: one row a month, so it stays tiny.
        var orders = await db.Orders.Where(o => !o.IsCancellation)
            .GroupBy(o => new { o.PlacedAt.Year, o.PlacedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Count = g.Count() })
            .ToListAsync(ct);
        var revenue = await db.OrderLines.Where(l => !l.Order!.IsCancellation)
            .GroupBy(l => new { l.Order!.PlacedAt.Year, l.Order.PlacedAt.Month })
            .Select(g => new { g.Key.Year, g.Key.Month, Revenue = g.Sum(l => l.Quantity * l.UnitPrice) ?? 0m })
            .ToListAsync(ct);
        return orders
            .Select(o => new MonthRevenue(o.Year, o.Month, o.Count,
                revenue.FirstOrDefault(r => r.Year == o.Year && r.Month == o.Month)?.Revenue ?? 0m))
            .OrderBy(m => m.Year).ThenBy(m => m.Month)
            .ToList();
    }
}
