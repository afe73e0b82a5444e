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
        // Streamed in order of the order id, so a basket's lines arrive together: a sale is merged with the earlier
        // lines of its own basket only, and nothing holds every line of the window at once (a chain's window is
        // millions of lines; holding them and a (basket, item) dictionary took gigabytes). On SQLite the order is the
        // plan's own (it scans Orders by key), so the ORDER BY costs nothing.
        var lines = db.OrderLines.Join(orders, l => l.OrderId, o => o.Id,
                (l, o) => new { o.Id, o.CustomerId, o.PlacedOn, o.IsCancellation, l.ProductId, l.Quantity })
            .OrderBy(l => l.Id)
            .AsAsyncEnumerable();

        var itemByProduct = new Dictionary<int, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            itemByProduct[items[i].ProductId] = i;
        }
        // Customers are numbered as they first appear, then renumbered in id order at the end (the models' order).
        var firstSeen = new Dictionary<int, int>();
        var seenIds = new List<int>();
        int CustomerOf(int? id)
        {
            if (id is not { } customerId)
            {
                return -1;
            }
            if (!firstSeen.TryGetValue(customerId, out var c))
            {
                c = seenIds.Count;
                firstSeen[customerId] = c;
                seenIds.Add(customerId);
            }
            return c;
        }

        var purchases = new List<Purchase>();
        var returns = new Dictionary<(int Customer, int Item), float>();
        // The basket being read: its order, and where each of its items sits in the purchases.
        int? basketOrder = null;
        var baskets = 0;
        var inBasket = new Dictionary<int, int>();
        int first = int.MaxValue, last = int.MinValue;
        await foreach (var l in lines.WithCancellation(ct))
        {
            var item = itemByProduct[l.ProductId];
            var customer = CustomerOf(l.CustomerId);
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
            if (basketOrder != l.Id)
            {
                basketOrder = l.Id;
                baskets++;
                inBasket.Clear();
            }
            if (inBasket.TryGetValue(item, out var at))
            {
                var p = purchases[at];
                purchases[at] = p with { Quantity = p.Quantity + l.Quantity };
            }
            else
            {
                inBasket[item] = purchases.Count;
                purchases.Add(new Purchase(customer, item, baskets - 1, day, l.Quantity));
            }
        }

        var customerIds = seenIds.Order().ToList();
        var renumber = new int[seenIds.Count];
        for (var c = 0; c < customerIds.Count; c++)
        {
            renumber[firstSeen[customerIds[c]]] = c;
        }
        for (var k = 0; k < purchases.Count; k++)
        {
            if (purchases[k].Customer >= 0)
            {
                purchases[k] = purchases[k] with { Customer = renumber[purchases[k].Customer] };
            }
        }
        if (first == int.MaxValue)
        {
            first = last = (window.To ?? DateOnly.FromDateTime(DateTime.Today)).DayNumber;
        }
        return new TrainingData(items, customerIds, purchases, first, window.To?.DayNumber ?? last,
            returns.Select(r => new Return(renumber[r.Key.Customer], r.Key.Item, r.Value)).ToList(), halfLifeDays);
    }
}
