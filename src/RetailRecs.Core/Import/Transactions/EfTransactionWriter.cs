using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a cleaned batch through EF Core for any provider (SQL Server in production), in chunks inside the caller's
/// transaction, with the same "add if absent" natural keys as the SQLite writer. Slower than a bulk copy, but it is
/// exercised by the tests here (on SQLite), which no SQL Server-only path could be.
/// </summary>
internal static class EfTransactionWriter
{
    private const int OrdersPerChunk = 5_000;

    public static async Task<WriteCounts> WriteAsync(RetailDbContext db, TransactionBatch batch, int importBatchId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        var existingSkus = (await db.Products.Select(p => p.Sku).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var newProducts = batch.Products.Values.Where(p => !existingSkus.Contains(p.Sku))
            .Select(p => new Product { Sku = p.Sku, Name = p.Name ?? $"Item {p.Sku}", Description = p.Name, UnitPrice = p.UnitPrice, IsNonMerchandise = p.IsNonMerchandise,
                CreatedAt = p.FirstSeenAt ?? DateTime.UtcNow })
            .ToList();
        db.Products.AddRange(newProducts);
        // A product first stored from an export without prices gets its price from the first export that has one.
        var priced = batch.Products.Values.Where(p => p.UnitPrice is not null && existingSkus.Contains(p.Sku)).ToList();
        foreach (var p in priced)
        {
            await db.Products.Where(x => x.Sku == p.Sku && x.UnitPrice == null).ExecuteUpdateAsync(s => s.SetProperty(x => x.UnitPrice, p.UnitPrice), ct);
        }

        var firstPurchase = batch.Orders.Values.Where(o => o.CustomerCode is not null)
            .GroupBy(o => o.CustomerCode!).ToDictionary(g => g.Key, g => g.Min(o => o.PlacedAt));
        var existingCustomers = (await db.Customers.Select(c => c.CustomerCode).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
        var newCustomers = batch.CustomerCountries.Where(c => !existingCustomers.Contains(c.Key))
            .Select(c => new Customer
            {
                CustomerCode = c.Key,
                Country = c.Value,
                JoinedOn = firstPurchase.TryGetValue(c.Key, out var d) ? DateOnly.FromDateTime(d) : null,
            })
            .ToList();
        db.Customers.AddRange(newCustomers);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();

        var productIds = await db.Products.ToDictionaryAsync(p => p.Sku, p => p.Id, ct);
        var customerIds = await db.Customers.ToDictionaryAsync(c => c.CustomerCode, c => c.Id, ct);
        var orderIds = await db.Orders.ToDictionaryAsync(o => o.InvoiceNumber, o => o.Id, ct);

        int ordersAdded = 0, linesAdded = 0, linesSeen = 0, linesCompleted = 0, pricesFilled = 0, quantitiesFilled = 0;
        var changedOrders = new HashSet<int>();
        foreach (var chunk in batch.Orders.Values.Chunk(OrdersPerChunk))
        {
            ct.ThrowIfCancellationRequested();
            foreach (var draft in chunk)
            {
                linesSeen += draft.Lines.Count;
                if (orderIds.TryGetValue(draft.InvoiceNumber, out var existingId))
                {
                    // An invoice already stored: add only the lines it does not have yet, complete those it has with less.
                    var stored = new StoredLines();
                    foreach (var l in await db.OrderLines.Where(l => l.OrderId == existingId)
                                 .Select(l => new { l.ProductId, l.Quantity, l.QuantityUnknown, l.UnitPrice, l.LineNumber }).ToListAsync(ct))
                    {
                        stored.Add(l.ProductId, l.Quantity, !l.QuantityUnknown, l.UnitPrice, l.LineNumber);
                    }
                    foreach (var l in draft.Lines)
                    {
                        var match = stored.Take(productIds[l.Sku], l.Quantity, l.QuantityKnown, l.UnitPrice);
                        if (match.Kind == MatchKind.New)
                        {
                            db.OrderLines.Add(Line(l with { LineNumber = stored.NextLineNumber() }, productIds, existingId));
                            linesAdded++;
                            changedOrders.Add(existingId);
                        }
                        else if (match.Kind == MatchKind.Completed)
                        {
                            await db.OrderLines.Where(x => x.OrderId == existingId && x.LineNumber == match.LineNumber).ExecuteUpdateAsync(s => s
                                .SetProperty(x => x.Quantity, match.Quantity)
                                .SetProperty(x => x.QuantityUnknown, !match.QuantityKnown)
                                .SetProperty(x => x.UnitPrice, match.Price), ct);
                            linesCompleted++;
                            pricesFilled += match.FilledPrice ? 1 : 0;
                            quantitiesFilled += match.FilledQuantity ? 1 : 0;
                            changedOrders.Add(existingId);
                        }
                    }
                    continue;
                }
                var order = new Order
                {
                    InvoiceNumber = draft.InvoiceNumber,
                    CustomerId = draft.CustomerCode is null ? null : customerIds[draft.CustomerCode],
                    PlacedAt = draft.PlacedAt,
                    IsCancellation = draft.IsCancellation,
                    ImportBatchId = importBatchId,
                    Lines = draft.Lines.Select(l => Line(l, productIds, 0)).ToList(),
                };
                order.RefreshTotals();
                db.Orders.Add(order);
                ordersAdded++;
                linesAdded += draft.Lines.Count;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            progress?.Report(new ImportProgress("Writing", linesSeen, clock.Elapsed));
        }
        foreach (var id in changedOrders)
        {
            await db.Orders.Where(o => o.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(o => o.Revenue, o => o.Lines.Sum(l => l.Quantity * (l.UnitPrice ?? 0m)))
                .SetProperty(o => o.Items, o => o.Lines.Sum(l => l.Quantity))
                .SetProperty(o => o.LineCount, o => o.Lines.Count), ct);
        }
        return new WriteCounts(newProducts.Count, newCustomers.Count, ordersAdded, linesAdded, linesSeen - linesAdded - linesCompleted,
            linesCompleted, pricesFilled, quantitiesFilled);
    }

    private static OrderLine Line(LineDraft l, Dictionary<string, int> productIds, int orderId) => new()
    {
        OrderId = orderId,
        LineNumber = l.LineNumber,
        ProductId = productIds[l.Sku],
        Quantity = l.Quantity,
        QuantityUnknown = !l.QuantityKnown,
        UnitPrice = l.UnitPrice,
    };
}
