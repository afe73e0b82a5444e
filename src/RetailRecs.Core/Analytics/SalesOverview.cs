using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Analytics;

/// <summary>Headline figures of all the data, for the home page; aggregated in the database from order totals.</summary>
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

    public async Task<Summary> GetSummaryAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var sales = db.Orders.Where(o => !o.IsCancellation);
        var cancellations = db.Orders.Where(o => o.IsCancellation);
        return new Summary(
            await db.Products.CountAsync(ct),
            await db.Customers.CountAsync(ct),
            await sales.CountAsync(ct),
            await cancellations.CountAsync(ct),
            // Order totals count lines without a price (unknown revenue) as nothing, not as zero-priced sales.
            await sales.SumAsync(o => o.Revenue, ct),
            -await cancellations.SumAsync(o => o.Revenue, ct),
            await sales.MinAsync(o => (DateTime?)o.PlacedAt, ct),
            await sales.MaxAsync(o => (DateTime?)o.PlacedAt, ct),
            await db.OrderLines.CountAsync(l => l.UnitPrice == null && !l.Order!.IsCancellation, ct));
    }
}
