using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Live;

/// <summary>
/// Another instance's sales and customer changes, put into this instance's <see cref="LiveUpdates"/>: suggestions move at
/// once and the customer's open cards list again, as on the instance that stored them (which acted already).
/// </summary>
public sealed class LiveChangeListener(IDbContextFactory<RetailDbContext> contexts, LiveUpdates live) : IChangeListener
{
    public async Task OnChangesAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (fromThisInstance)
        {
            return;
        }
        var orderIds = notices.Where(n => n.Kind == ChangeKinds.Sale).Select(n => n.SubjectId).Distinct().ToList();
        if (orderIds.Count > 0)
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var lines = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id) && !o.IsCancellation).Where(LearnableSales.Orders)
                .SelectMany(o => o.Lines.Where(l => l.Quantity > 0), (o, l) => new { o.Id, o.CustomerId, o.PlacedOn, l.ProductId, l.Quantity })
                .ToListAsync(ct);
            foreach (var order in lines.GroupBy(l => l.Id))
            {
                var first = order.First();
                // AddSale tells the customer's open cards, as the instance that stored the sale did.
                live.AddSale(first.CustomerId, first.PlacedOn.DayNumber,
                    order.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => (float)g.Sum(l => l.Quantity)));
            }
        }
        foreach (var customerId in notices.Where(n => n.Kind == ChangeKinds.Customer).Select(n => n.SubjectId).Distinct())
        {
            live.Notify(customerId);
        }
    }
}
