using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Live;

namespace RetailRecs.Core.Api;

/// <summary>
/// Stores what store systems send: sales lines become orders (grouped by invoice), suggestion events become
/// interaction events, all in one transaction with the idempotency record, so a retried request is either wholly
/// stored once or not at all. Stored sales reach the serving layer at once through <see cref="LiveUpdates"/>.
/// </summary>
public sealed class EventIngestion(IDbContextFactory<RetailDbContext> contexts, LiveUpdates live)
{
    public const int MaxEventsPerRequest = 1000;

    public sealed record Result(int Purchases, int Orders, int Interactions, bool Replayed);

    private static readonly Dictionary<string, InteractionType?> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["purchase"] = null,
        ["basket_add"] = InteractionType.AddedToBasket,
        ["shown"] = InteractionType.Shown,
        ["accepted"] = InteractionType.Accepted,
        ["dismissed"] = InteractionType.Dismissed,
    };

    /// <param name="requestHash">Hash of the request body, to tell a retry from a different request under the same key.</param>
    public async Task<Result> IngestAsync(int apiKeyId, string? idempotencyKey, string requestHash, IReadOnlyList<ApiEvent> events,
        CancellationToken ct = default)
    {
        Validate(events, idempotencyKey);
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (idempotencyKey is not null && await ReplayAsync(db, apiKeyId, idempotencyKey, requestHash, ct) is { } replay)
        {
            return replay;
        }

        var skus = events.Select(e => e.ProductId!.Trim()).Distinct().ToList();
        var products = await db.Products.Where(p => skus.Contains(p.Sku)).Select(p => new { p.Sku, p.Id }).ToDictionaryAsync(p => p.Sku, p => p.Id, ct);
        var codes = events.Where(e => !string.IsNullOrWhiteSpace(e.CustomerId)).Select(e => e.CustomerId!.Trim()).Distinct().ToList();
        var customers = await db.Customers.Where(c => codes.Contains(c.CustomerCode)).ToDictionaryAsync(c => c.CustomerCode, ct);
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (!products.ContainsKey(e.ProductId!.Trim()))
            {
                errors[$"events[{i}].productId"] = [$"Unknown product '{e.ProductId}': send it to PUT /api/v1/products/{{sku}} first."];
            }
            if (Types[e.Type!] is not null && !customers.ContainsKey(e.CustomerId!.Trim()))
            {
                errors[$"events[{i}].customerId"] = [$"Unknown customer '{e.CustomerId}': send them to PUT /api/v1/customers/{{code}} first."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ApiValidationException(errors);
        }

        var now = DateTime.UtcNow;
        var stores = new Dictionary<string, Store>(StringComparer.Ordinal);
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        var interactions = 0;
        foreach (var e in events)
        {
            var at = e.OccurredAt?.ToUniversalTime() ?? now;
            var productId = products[e.ProductId!.Trim()];
            Customer? customer = null;
            if (!string.IsNullOrWhiteSpace(e.CustomerId) && !customers.TryGetValue(e.CustomerId.Trim(), out customer))
            {
                // A till meets new customers: their first sale creates them (details follow through PUT /customers).
                customer = customers[e.CustomerId.Trim()] = new Customer { CustomerCode = e.CustomerId.Trim() };
                db.Customers.Add(customer);
            }
            if (Types[e.Type!] is { } type)
            {
                db.InteractionEvents.Add(new InteractionEvent
                {
                    CustomerId = customer!.Id, ProductId = productId, Type = type, Source = "api", ModelRunId = e.ModelRunId, OccurredAt = at,
                });
                interactions++;
                continue;
            }
            var invoice = string.IsNullOrWhiteSpace(e.Invoice) ? $"API-{Guid.NewGuid():N}" : e.Invoice.Trim();
            if (!orders.TryGetValue(invoice, out var order))
            {
                orders[invoice] = order = new Order { InvoiceNumber = invoice, Customer = customer, PlacedAt = at, Store = await StoreAsync(db, stores, e.Store, ct) };
                db.Orders.Add(order);
            }
            order.Lines.Add(new OrderLine { LineNumber = order.Lines.Count + 1, ProductId = productId, Quantity = e.Quantity ?? 1, UnitPrice = e.UnitPrice });
        }
        var invoices = orders.Keys.ToList();
        var taken = await db.Orders.Where(o => invoices.Contains(o.InvoiceNumber)).Select(o => o.InvoiceNumber).ToListAsync(ct);
        if (taken.Count > 0)
        {
            throw new ApiConflictException($"Invoice {taken[0]} is already stored. Send a new invoice number, or the same request with its Idempotency-Key to retry safely.");
        }
        foreach (var order in orders.Values)
        {
            order.RefreshTotals();
        }
        var result = new Result(orders.Values.Sum(o => o.Lines.Count), orders.Count, interactions, false);
        if (idempotencyKey is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                ApiKeyId = apiKeyId, Key = idempotencyKey, RequestHash = requestHash, StatusCode = 202, Response = JsonSerializer.Serialize(result),
            });
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (idempotencyKey is not null)
        {
            // The same request raced in twice: the other one stored it; answer as it did.
            await using var again = await contexts.CreateDbContextAsync(ct);
            return await ReplayAsync(again, apiKeyId, idempotencyKey, requestHash, ct) ?? throw new ApiConflictException("The request could not be stored; retry it.");
        }

        foreach (var order in orders.Values)
        {
            live.AddSale(order.CustomerId, order.PlacedOn.DayNumber,
                order.Lines.Where(l => l.Quantity > 0).GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => (float)g.Sum(l => l.Quantity)));
        }
        foreach (var id in events.Where(e => Types[e.Type!] is not null).Select(e => customers[e.CustomerId!.Trim()].Id).Distinct())
        {
            live.Notify(id);
        }
        return result;
    }

    private static async Task<Result?> ReplayAsync(RetailDbContext db, int apiKeyId, string key, string requestHash, CancellationToken ct)
    {
        var stored = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.ApiKeyId == apiKeyId && r.Key == key, ct);
        if (stored is null)
        {
            return null;
        }
        if (stored.RequestHash != requestHash)
        {
            throw new ApiConflictException($"Idempotency key '{key}' was used for a different request. Use a new key for a new request.");
        }
        return JsonSerializer.Deserialize<Result>(stored.Response)! with { Replayed = true };
    }

    private static async Task<Store?> StoreAsync(RetailDbContext db, Dictionary<string, Store> stores, string? code, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        code = code.Trim();
        if (!stores.TryGetValue(code, out var store))
        {
            store = await db.Stores.SingleOrDefaultAsync(s => s.Code == code, ct) ?? db.Stores.Add(new Store { Code = code, Name = code }).Entity;
            stores[code] = store;
        }
        return store;
    }

    private static void Validate(IReadOnlyList<ApiEvent> events, string? idempotencyKey)
    {
        var errors = new Dictionary<string, string[]>();
        if (events.Count == 0)
        {
            errors["events"] = ["Send at least one event."];
        }
        if (events.Count > MaxEventsPerRequest)
        {
            errors["events"] = [$"At most {MaxEventsPerRequest} events per request; split the batch."];
        }
        if (idempotencyKey is { Length: > 100 })
        {
            errors["Idempotency-Key"] = ["At most 100 characters."];
        }
        for (var i = 0; i < Math.Min(events.Count, MaxEventsPerRequest); i++)
        {
            var e = events[i];
            var at = $"events[{i}]";
            if (e.Type is null || !Types.TryGetValue(e.Type, out var type))
            {
                errors[$"{at}.type"] = [$"Use one of: {string.Join(", ", Types.Keys)}."];
                continue;
            }
            if (string.IsNullOrWhiteSpace(e.ProductId) || e.ProductId.Length > 64)
            {
                errors[$"{at}.productId"] = ["The product's SKU is required (at most 64 characters)."];
            }
            if (type is not null && string.IsNullOrWhiteSpace(e.CustomerId))
            {
                errors[$"{at}.customerId"] = ["A suggestion or basket event needs the customer's id."];
            }
            if (e.CustomerId is { Length: > 64 })
            {
                errors[$"{at}.customerId"] = ["At most 64 characters."];
            }
            if (type is null && e.Quantity is <= 0)
            {
                errors[$"{at}.quantity"] = ["A sale's quantity must be above zero (returns come through the transactions import)."];
            }
            if (e.UnitPrice is < 0)
            {
                errors[$"{at}.unitPrice"] = ["A price cannot be negative."];
            }
            if (e.OccurredAt is { } when && when.ToUniversalTime() > DateTime.UtcNow.AddDays(1))
            {
                errors[$"{at}.occurredAt"] = ["The event is dated in the future; check the till's clock."];
            }
        }
        if (errors.Count > 0)
        {
            throw new ApiValidationException(errors);
        }
    }
}
