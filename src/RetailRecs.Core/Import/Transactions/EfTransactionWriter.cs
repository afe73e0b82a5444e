using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a cleaned file through EF Core for any provider (SQL Server in production), chunk by chunk inside the caller's
/// transaction (see <see cref="TransactionWriter"/>), with the same "add if absent" natural keys as the SQLite writer.
/// Slower than a bulk copy, but it is exercised by the tests here (on SQLite), which no SQL Server-only path could be.
/// </summary>
internal sealed class EfTransactionWriter(RetailDbContext db) : ITransactionStore
{
    private const int KeysPerQuery = 1_000;

    public static async Task<WriteCounts> WriteAsync(RetailDbContext db, TransactionBatch batch, int importBatchId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        return await new TransactionWriter(new EfTransactionWriter(db), importBatchId, progress, ct).WriteAsync(batch);
    }

    // Stored keys are matched to the ones asked for without case: SQL Server's usual collation ignores it, so "ws-ab12"
    // answers for "WS-AB12", and the writer must get back the key it asked for (and not add it again beside the stored one).
    public async Task<IReadOnlyList<(string Sku, int Id, bool Added)>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken ct)
    {
        var stored = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var keys in products.Select(p => p.Sku).Chunk(KeysPerQuery))
        {
            foreach (var p in await db.Products.Where(p => keys.Contains(p.Sku)).Select(p => new { p.Sku, p.Id }).ToListAsync(ct))
            {
                stored[p.Sku] = p.Id;
            }
        }
        // Named for now; the whole file's usual name and price are settled at the end (SettleProductsAsync).
        var added = products.Where(p => !stored.ContainsKey(p.Sku))
            .Select(p => Created(Catalog.ProductRule.New(p.Sku, null), p.FirstSeenAt))
            .ToList();
        db.Products.AddRange(added);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return [.. products.Where(p => stored.ContainsKey(p.Sku)).Select(p => (p.Sku, stored[p.Sku], false)), .. added.Select(p => (p.Sku, p.Id, true))];
    }

    public async Task<IReadOnlyList<(string Code, int Id, bool Added)>> AddCustomersAsync(IReadOnlyList<NewCustomer> customers, CancellationToken ct)
    {
        var stored = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var keys in customers.Select(c => c.Code).Chunk(KeysPerQuery))
        {
            foreach (var c in await db.Customers.Where(c => keys.Contains(c.CustomerCode)).Select(c => new { c.CustomerCode, c.Id }).ToListAsync(ct))
            {
                stored[c.CustomerCode] = c.Id;
            }
        }
        var added = customers.Where(c => !stored.ContainsKey(c.Code))
            .Select(c => CustomerRule.New(c.Code, c.JoinedOn, c.Country))
            .ToList();
        db.Customers.AddRange(added);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return [.. customers.Where(c => stored.ContainsKey(c.Code)).Select(c => (c.Code, stored[c.Code], false)), .. added.Select(c => (c.CustomerCode, c.Id, true))];
    }

    public async Task<IReadOnlyDictionary<string, int>> CustomersInSmallLettersAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var asked in codes.Where(c => c.ToLowerInvariant() != c).Chunk(KeysPerQuery / 2))
        {
            var forms = asked.Concat(asked.Select(c => c.ToLowerInvariant())).ToList();
            // Compared here, exactly: on SQL Server's usual collation the query answers in any letters (and
            // AddCustomersAsync then finds the customer without this).
            var stored = (await db.Customers.Where(c => forms.Contains(c.CustomerCode)).Select(c => new { c.CustomerCode, c.Id }).ToListAsync(ct))
                .ToDictionary(c => c.CustomerCode, c => c.Id, StringComparer.Ordinal);
            foreach (var code in asked)
            {
                if (!stored.ContainsKey(code) && stored.TryGetValue(code.ToLowerInvariant(), out var id))
                {
                    found[code] = id;
                }
            }
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, StoredOrder>> StoredOrdersAsync(IReadOnlyCollection<string> invoiceNumbers, CancellationToken ct)
    {
        var orders = new Dictionary<string, StoredOrder>(StringComparer.Ordinal);
        foreach (var keys in invoiceNumbers.Chunk(KeysPerQuery))
        {
            foreach (var o in await db.Orders.Where(o => keys.Contains(o.InvoiceNumber)).Select(o => new { o.InvoiceNumber, o.Id, o.CustomerId, o.PlacedOn, o.ImportBatchId }).ToListAsync(ct))
            {
                orders[o.InvoiceNumber] = new StoredOrder(o.Id, o.CustomerId, o.PlacedOn, o.ImportBatchId != null);
            }
        }
        return orders;
    }

    public async Task<IReadOnlyList<OrderSlot>> AddOrdersAsync(IReadOnlyList<(OrderDraft Draft, int? CustomerId)> orders, int importBatchId, CancellationToken ct)
    {
        var stored = new Dictionary<string, (int Id, int? Batch, DateOnly PlacedOn, int? CustomerId)>(StringComparer.Ordinal);
        foreach (var keys in orders.Select(o => o.Draft.InvoiceNumber).Chunk(KeysPerQuery))
        {
            foreach (var o in await db.Orders.Where(o => keys.Contains(o.InvoiceNumber)).Select(o => new { o.InvoiceNumber, o.Id, o.ImportBatchId, o.PlacedOn, o.CustomerId }).ToListAsync(ct))
            {
                stored[o.InvoiceNumber] = (o.Id, o.ImportBatchId, o.PlacedOn, o.CustomerId);
            }
        }
        var added = new Dictionary<string, Order>(StringComparer.Ordinal);
        foreach (var (draft, customerId) in orders.Where(o => !stored.ContainsKey(o.Draft.InvoiceNumber)))
        {
            added[draft.InvoiceNumber] = new Order
            {
                InvoiceNumber = draft.InvoiceNumber,
                CustomerId = customerId,
                PlacedAt = draft.PlacedAt,
                PlacedOn = DateOnly.FromDateTime(draft.PlacedAt),
                IsCancellation = draft.IsCancellation,
                IsAnonymised = draft.IsAnonymised,
                ImportBatchId = importBatchId,
            };
            // The lines follow in WriteLinesAsync; the totals are theirs already.
            var order = added[draft.InvoiceNumber];
            (order.Revenue, order.Items, order.LineCount) = Order.TotalsOf(draft.Lines.Select(l => (l.Quantity, l.UnitPrice)));
        }
        db.Orders.AddRange(added.Values);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        return orders.Select(o =>
        {
            if (added.TryGetValue(o.Draft.InvoiceNumber, out var order))
            {
                return new OrderSlot(order.Id, AddedNow: true, AddedByThisImport: false, order.PlacedOn, order.CustomerId);
            }
            var (id, batch, placedOn, customerId) = stored[o.Draft.InvoiceNumber];
            return new OrderSlot(id, AddedNow: false, AddedByThisImport: batch == importBatchId, placedOn, customerId);
        }).ToList();
    }

    public async Task<IReadOnlyList<StoredLine>> StoredLinesAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct)
    {
        var lines = new List<StoredLine>();
        foreach (var keys in orderIds.Chunk(KeysPerQuery))
        {
            lines.AddRange((await db.OrderLines.Where(l => keys.Contains(l.OrderId))
                    .Select(l => new { l.OrderId, l.ProductId, l.Quantity, l.QuantityUnknown, l.UnitPrice, l.LineNumber }).ToListAsync(ct))
                .Select(l => new StoredLine(l.OrderId, l.ProductId, l.Quantity, !l.QuantityUnknown, l.UnitPrice, l.LineNumber)));
        }
        return lines;
    }

    public async Task<int> WriteLinesAsync(LinePlan plan, CancellationToken ct)
    {
        var lines = plan.NewOrderLines.Concat(plan.Appended).Select(l => new OrderLine
        {
            OrderId = l.OrderId, LineNumber = l.LineNumber, ProductId = l.ProductId, Quantity = l.Quantity, QuantityUnknown = l.QuantityUnknown, UnitPrice = l.Price,
        }).ToList();
        db.OrderLines.AddRange(lines);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
        foreach (var c in plan.Completed)
        {
            await db.OrderLines.Where(x => x.OrderId == c.OrderId && x.LineNumber == c.LineNumber).ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Quantity, c.Quantity)
                .SetProperty(x => x.QuantityUnknown, c.QuantityUnknown)
                .SetProperty(x => x.UnitPrice, c.Price), ct);
        }
        return lines.Count;
    }

    public async Task SettleProductsAsync(IReadOnlyList<(ProductDraft Product, bool Added)> products, DateTime now, CancellationToken ct)
    {
        foreach (var chunk in products.Where(p => p.Added).Select(p => p.Product).Chunk(KeysPerQuery))
        {
            var keys = chunk.Select(p => p.Sku).ToList();
            var drafts = chunk.ToDictionary(p => p.Sku, StringComparer.Ordinal);
            foreach (var product in await db.Products.Where(p => keys.Contains(p.Sku)).ToListAsync(ct))
            {
                var draft = drafts[product.Sku];
                var named = Catalog.ProductRule.New(draft.Sku, draft.Name); // the whole file's usual name, as the rule stores it
                product.Name = named.Name;
                product.Description = named.Description;
                product.UnitPrice = draft.UnitPrice;
                product.CreatedAt = draft.FirstSeenAt ?? now;
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        // A product first stored from an export without prices gets its price from the first export that has one.
        foreach (var (p, _) in products.Where(p => !p.Added && p.Product.UnitPrice is not null))
        {
            await db.Products.Where(x => x.Sku == p.Sku && x.UnitPrice == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.UnitPrice, p.UnitPrice), ct);
        }
    }

    public async Task SettleCustomersAsync(IReadOnlyList<(int Id, string? Country, DateOnly? JoinedOn)> customers, CancellationToken ct)
    {
        foreach (var (id, country, joinedOn) in customers)
        {
            await db.Customers.Where(c => c.Id == id).ExecuteUpdateAsync(s => s.SetProperty(c => c.Country, country).SetProperty(c => c.JoinedOn, joinedOn), ct);
        }
    }

    /// <summary>
    /// Through <see cref="Order.RefreshTotals"/> and <see cref="TransactionCleaner.IsCancellationOrder"/>, the rules
    /// themselves (the SQLite and PostgreSQL writers compute them in SQL).
    /// </summary>
    public async Task RefreshTotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct)
    {
        foreach (var keys in orderIds.Chunk(KeysPerQuery))
        {
            var orders = await db.Orders.Include(o => o.Lines).Where(o => keys.Contains(o.Id)).ToListAsync(ct);
            foreach (var order in orders)
            {
                order.RefreshTotals();
                order.IsCancellation = TransactionCleaner.IsCancellationOrder(order.InvoiceNumber, order.Lines.Select(l => l.Quantity));
            }
            db.ChangeTracker.DetectChanges();
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private static Product Created(Product product, DateTime at)
    {
        product.CreatedAt = at;
        return product;
    }
}
