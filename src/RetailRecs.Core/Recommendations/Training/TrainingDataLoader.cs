using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>Reads the catalog, customers and sales of a window from the database into a <see cref="TrainingData"/>.</summary>
public sealed class TrainingDataLoader(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task<TrainingData> LoadAsync(TrainingWindow window, double halfLifeDays = 90, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));

        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Sku, p.Name, p.Description, Category = p.Category ?? p.AutoCategory, p.Brand, p.UnitPrice, p.IsActive, p.IsNonMerchandise, p.CreatedAt })
            .ToListAsync(ct);
        var items = products.Select(p => new CatalogItem(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Brand,
            p.UnitPrice is { } price ? (float)price : null, p.IsActive && !p.IsNonMerchandise,
            DateOnly.FromDateTime(p.CreatedAt).DayNumber)).ToList();

        // Sales of erased customers stay for the shop's figures but never train a model (see Order.IsAnonymised), and
        // neither do those of customers who object to personalisation: no model learns from them, for anyone.
        var orders = db.Orders.Where(o => !o.IsAnonymised && (o.CustomerId == null || !o.Customer!.PersonalizationOptOut));
        if (window.From is { } from)
        {
            orders = orders.Where(o => o.PlacedOn >= from);
        }
        if (window.To is { } to)
        {
            orders = orders.Where(o => o.PlacedOn <= to);
        }
        var lines = await db.OrderLines.Join(orders, l => l.OrderId, o => o.Id,
                (l, o) => new { o.Id, o.CustomerId, o.PlacedOn, o.IsCancellation, l.ProductId, l.Quantity })
            .ToListAsync(ct);

        var itemByProduct = new Dictionary<int, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            itemByProduct[items[i].ProductId] = i;
        }
        var customerIds = lines.Where(l => l.CustomerId is not null).Select(l => l.CustomerId!.Value).Distinct().Order().ToList();
        var customerIndex = new Dictionary<int, int>(customerIds.Count);
        for (var c = 0; c < customerIds.Count; c++)
        {
            customerIndex[customerIds[c]] = c;
        }

        var basketByOrder = new Dictionary<int, int>();
        var purchases = new Dictionary<(int Basket, int Item), Purchase>();
        var returns = new Dictionary<(int Customer, int Item), float>();
        int first = int.MaxValue, last = int.MinValue;
        foreach (var l in lines)
        {
            var item = itemByProduct[l.ProductId];
            var customer = l.CustomerId is { } id ? customerIndex[id] : -1;
            if (l.IsCancellation || l.Quantity <= 0)
            {
                if (customer >= 0 && l.Quantity < 0)
                {
                    returns[(customer, item)] = returns.GetValueOrDefault((customer, item)) - l.Quantity;
                }
                continue;
            }
            var day = l.PlacedOn.DayNumber;
            first = Math.Min(first, day);
            last = Math.Max(last, day);
            if (!basketByOrder.TryGetValue(l.Id, out var basket))
            {
                basket = basketByOrder.Count;
                basketByOrder[l.Id] = basket;
            }
            purchases[(basket, item)] = purchases.TryGetValue((basket, item), out var p)
                ? p with { Quantity = p.Quantity + l.Quantity }
                : new Purchase(customer, item, basket, day, l.Quantity);
        }
        if (first == int.MaxValue)
        {
            first = last = (window.To ?? DateOnly.FromDateTime(DateTime.Today)).DayNumber;
        }
        return new TrainingData(items, customerIds, purchases.Values.ToList(), first, window.To?.DayNumber ?? last,
            returns.Select(r => new Return(r.Key.Customer, r.Key.Item, r.Value)).ToList(), halfLifeDays);
    }
}
