using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>Reads the catalog, customers and sales of a window from the database into a <see cref="TrainingData"/>.</summary>
public sealed class TrainingDataLoader(IDbContextFactory<RetailDbContext> contexts)
{
    /// <summary>Reads the sales through ADO.NET's data reader even on SQLite (the tests compare the two ways).</summary>
    internal bool ThroughDataReader { get; init; }

    /// <param name="catalogReady">
    /// Work that changes the products' categories (the training job's automatic categories), or null. The sales are
    /// read while it runs, since they do not depend on it; the categories are read again once it has finished.
    /// </param>
    public async Task<TrainingData> LoadAsync(TrainingWindow window, double halfLifeDays = 90, CancellationToken ct = default,
        Task? catalogReady = null)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(5));

        // The catalog read first fixes the items' numbering; a product added after it has no sale in this training.
        var products = await db.Products.AsNoTracking().OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Sku, p.Name, p.Description, Category = p.Category ?? p.AutoCategory, p.Brand, p.UnitPrice, p.IsActive, p.IsNonMerchandise, p.CreatedAt })
            .ToListAsync(ct);
        var items = products.Select(p => new CatalogItem(p.Id, p.Sku, p.Name, p.Description, p.Category, p.Brand,
            p.UnitPrice is { } price ? (float)price : null, p.IsActive && !p.IsNonMerchandise,
            DateOnly.FromDateTime(p.CreatedAt).DayNumber)).ToList();

        var orders = db.Orders.Where(LearnableSales.Orders);
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
        // millions of lines; holding them and a (basket, item) dictionary took gigabytes). Within an order, by line:
        // the purchases' order decides ties in the models, and PostgreSQL returns an order's lines in whatever order
        // its plan meets them (one start-up training there served a champion another did not). On SQLite the whole
        // order is the plan's own (Orders scanned by key, each order's lines through its (OrderId, LineNumber) index,
        // whose last key is the line's id), so the ORDER BY costs nothing.
        var lines = db.OrderLines.Join(orders, l => l.OrderId, o => o.Id, (l, o) => new { Line = l, Order = o })
            .OrderBy(x => x.Order.Id).ThenBy(x => x.Line.LineNumber).ThenBy(x => x.Line.Id)
            .Select(x => new { x.Order.Id, x.Order.CustomerId, x.Order.PlacedOn, x.Order.IsCancellation, x.Line.ProductId, x.Line.Quantity });

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

        // Sized from the orders' line counts (a purchase per line at most), so the list is not grown by doubling: at
        // 100× the Online Retail data that held a third more than the 52 million purchases, and twice as much while copying.
        var lineCount = await orders.Where(o => !o.IsCancellation).SumAsync(o => (long)o.LineCount, ct);
        var purchases = new List<Purchase>((int)Math.Min(lineCount, Array.MaxLength));
        // Dated: a cut of the sales (the evaluation's split) nets only the returns made before it.
        var returns = new Dictionary<(int Customer, int Item, int Day), float>();
        // The basket being read: its order, and where each of its items sits in the purchases.
        int? basketOrder = null;
        var baskets = 0;
        var inBasket = new Dictionary<int, int>();
        int first = int.MaxValue, last = int.MinValue;
        // EF writes the query for the provider; its rows are read by position rather than materialised, since a
        // chain's window is millions of lines (10×: the stage took 14 s for a query sqlite3 runs in 1.1 s; read through
        // EF with the categories beside it, 21.9 s against 12.8–13.0 s this way), and on SQLite from the statement itself
        // (SalesRows). An order's columns are read once, at its first line. The command runs outside EF's interceptors: a
        // diagnostic one sees the catalog's reads, not this.
        await using (var command = lines.CreateDbCommand())
        {
            command.CommandTimeout = 300;
            await db.Database.OpenConnectionAsync(ct);
            await using var reader = await SalesRows.OpenAsync(command, ThroughDataReader, ct);
            int? order = null;
            int customer = -1, day = 0;
            var cancellation = false;
            var rows = 0;
            while (await reader.ReadAsync(ct))
            {
                if ((++rows & 0xFFFF) == 0)
                {
                    ct.ThrowIfCancellationRequested();
                }
                var id = reader.Int32(0);
                if (id != order)
                {
                    order = id;
                    customer = CustomerOf(reader.IsNull(1) ? null : reader.Int32(1));
                    day = reader.Date(2).DayNumber;
                    cancellation = reader.Boolean(3);
                }
                if (!itemByProduct.TryGetValue(reader.Int32(4), out var item))
                {
                    continue; // a product added since the catalog was read: the next training learns its sales
                }
                var quantity = reader.Int32(5);
                if (cancellation || quantity <= 0)
                {
                    if (customer >= 0 && quantity < 0)
                    {
                        returns[(customer, item, day)] = returns.GetValueOrDefault((customer, item, day)) - quantity;
                    }
                    continue;
                }
                first = Math.Min(first, day);
                last = Math.Max(last, day);
                if (basketOrder != order)
                {
                    basketOrder = order;
                    baskets++;
                    inBasket.Clear();
                }
                if (inBasket.TryGetValue(item, out var at))
                {
                    var p = purchases[at];
                    purchases[at] = p with { Quantity = p.Quantity + quantity };
                }
                else
                {
                    inBasket[item] = purchases.Count;
                    purchases.Add(new Purchase(customer, item, baskets - 1, day, quantity));
                }
            }
        }

        if (catalogReady is not null)
        {
            await catalogReady;
            // The categories it gave, read after it: the rest of the catalog was read before the sales.
            var categories = await db.Products.AsNoTracking().Select(p => new { p.Id, Category = p.Category ?? p.AutoCategory }).ToListAsync(ct);
            foreach (var c in categories)
            {
                if (itemByProduct.TryGetValue(c.Id, out var i) && items[i].Category != c.Category)
                {
                    items[i] = items[i] with { Category = c.Category };
                }
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
            returns.Select(r => new Return(renumber[r.Key.Customer], r.Key.Item, r.Value, r.Key.Day)).ToList(), halfLifeDays);
    }
}
