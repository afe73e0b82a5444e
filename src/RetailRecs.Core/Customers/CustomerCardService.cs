using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Core.Customers;

/// <summary>Builds the customer card, and writes every opening of a card to the audit log.</summary>
public sealed class CustomerCardService(IDbContextFactory<RetailDbContext> contexts, Segmentation.SegmentQueries segments, Clock.ShopClock clock)
{
    public const string ViewedAction = "customer.viewed";

    /// <summary>
    /// The card, or null when there is no such customer. The view is audited (who, when, which customer): call it once
    /// per view (the page carries the card from its prerender to its interactive render rather than calling again).
    /// </summary>
    /// <param name="today">The day "days ago" counts to; by default the shop's clock (<see cref="Clock.ShopClock"/>).</param>
    public async Task<CustomerCard?> OpenAsync(int customerId, StaffActor actor, DateTime? today = null, CancellationToken ct = default)
    {
        var card = await ReadAsync(customerId, today, ct);
        if (card is not null)
        {
            await RecordViewAsync(customerId, actor, ct);
        }
        return card;
    }

    /// <summary>One view of a customer's card, in the audit log.</summary>
    public async Task RecordViewAsync(int customerId, StaffActor actor, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEntries.Add(AuditLog.Entry(actor, ViewedAction, nameof(Model.Customer), customerId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// The card without its audit entry, for a page that shows it first and records the view right after
    /// (<see cref="RecordViewAsync"/>); everything else calls <see cref="OpenAsync"/>.
    /// </summary>
    public async Task<CustomerCard?> ReadAsync(int customerId, DateTime? today = null, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var c = await db.Customers.AsNoTracking().SingleOrDefaultAsync(x => x.Id == customerId, ct);
        if (c is null)
        {
            return null;
        }

        var orders = db.Orders.Where(o => o.CustomerId == customerId);
        var no = false;
        var sales = orders.Where(o => o.IsCancellation == no);
        var summary = await orders.GroupBy(_ => 1).Select(g => new
        {
            Orders = g.Count(o => !o.IsCancellation),
            Value = g.Sum(o => o.Revenue),
            Units = g.Sum(o => o.IsCancellation ? 0 : o.Items),
            First = g.Min(o => (DateTime?)o.PlacedAt),
            Last = g.Max(o => (DateTime?)o.PlacedAt),
        }).FirstOrDefaultAsync(ct);

        // Units kept (returns, on a "C" invoice or an exchange line, taken off) and orders that bought it (two lines of
        // one invoice are one order); a product returned in full is no favourite, as the suggestions forget it too.
        // Per order first, then per product: a COUNT(DISTINCT) of a filtered group became a subquery per product on
        // SQLite (card p95 10 → 27 ms at 10×).
        var top = await db.OrderLines
            .Where(l => l.Order!.CustomerId == customerId && !l.Product!.IsNonMerchandise)
            .GroupBy(l => new { l.ProductId, l.OrderId, l.Order!.IsCancellation })
            .Select(g => new { g.Key.ProductId, Units = g.Sum(l => l.Quantity), Bought = !g.Key.IsCancellation && g.Max(l => l.Quantity) > 0 })
            .GroupBy(o => o.ProductId)
            .Select(g => new { ProductId = g.Key, Units = g.Sum(o => o.Units), Times = g.Count(o => o.Bought) })
            .Where(f => f.Units > 0 && f.Times > 0)
            .OrderByDescending(f => f.Times).ThenByDescending(f => f.Units)
            .Take(5)
            .ToListAsync(ct);
        var ids = top.Select(t => t.ProductId).ToList();
        var products = await db.Products.Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        var favourites = top.Select(t => new CustomerCard.FavouriteProduct(products[t.ProductId].Sku, products[t.ProductId].Name, t.Units, t.Times)).ToList();

        var recentOrders = await orders.OrderByDescending(o => o.PlacedAt).ThenByDescending(o => o.Id).Take(8)
            .Select(o => new { o.Id, o.InvoiceNumber, o.PlacedAt, o.IsCancellation, o.LineCount, o.Items, o.Revenue })
            .ToListAsync(ct);
        // The few lines of those orders, read once (SQLite cannot run a "top 3 per order" subquery).
        var recentIds = recentOrders.Select(o => o.Id).ToList();
        var recentLines = await db.OrderLines.Where(l => recentIds.Contains(l.OrderId))
            .Select(l => new { l.OrderId, l.Quantity, l.Product!.Name, Priced = l.UnitPrice != null }).ToListAsync(ct);
        var recent = recentOrders.Select(o => new
        {
            o.InvoiceNumber, o.PlacedAt, o.IsCancellation, o.LineCount, o.Items, o.Revenue,
            Top = recentLines.Where(l => l.OrderId == o.Id).OrderByDescending(l => Math.Abs(l.Quantity)).Take(3).Select(l => l.Name).ToList(),
            Priced = recentLines.Any(l => l.OrderId == o.Id && l.Priced),
        }).ToList();

        var categories = await db.OrderLines
            .Where(l => l.Order!.CustomerId == customerId && l.Order.IsCancellation == no && !l.Product!.IsNonMerchandise && l.Quantity > 0)
            .GroupBy(l => l.Product!.Category ?? l.Product.AutoCategory)
            .Select(g => new { Category = g.Key, Spend = g.Sum(l => (double?)l.UnitPrice * l.Quantity) ?? 0, Units = g.Sum(l => l.Quantity) })
            // Units decide where spend cannot (a shop without prices: every category's spend is 0).
            .OrderByDescending(g => g.Spend).ThenByDescending(g => g.Units).Take(4)
            .ToListAsync(ct);
        var segment = await segments.ForCustomerAsync(customerId, ct);

        var valueKnown = await db.OrderLines.AnyAsync(l => l.Order!.CustomerId == customerId && l.UnitPrice != null, ct);
        var now = today is { } t ? new Clock.ShopDay(DateOnly.FromDateTime(t), Historical: false) : await clock.TodayAsync(db, ct);
        return new CustomerCard(c.Id, c.DisplayName, c.CustomerCode, c.Email, c.Phone, c.LoyaltyNumber, c.Country, c.JoinedOn,
            c.PersonalizationOptOut, c.HasFictionalProfile,
            summary?.Orders ?? 0, summary?.Value ?? 0m, summary?.First, summary?.Last,
            summary?.Last is { } last ? now.DaysSince(last) : null,
            favourites,
            recent.Select(o => new CustomerCard.RecentOrder(o.InvoiceNumber, o.PlacedAt, o.IsCancellation, o.LineCount, o.Items, o.Revenue, o.Top, o.Priced)).ToList())
        {
            Segment = segment,
            Today = now,
            FavouriteCategories = categories.Where(x => x.Category is not null).Take(3).Select(x => x.Category!).ToList(),
            Units = summary?.Units ?? 0,
            ValueKnown = valueKnown,
            SomeValuesUnknown = valueKnown && await db.OrderLines.AnyAsync(l => l.Order!.CustomerId == customerId && l.UnitPrice == null, ct),
            Consent = await ConsentStatus.ReadAsync(db, customerId, ct),
        };
    }
}
