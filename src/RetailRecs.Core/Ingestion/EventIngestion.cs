using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Live;

namespace RetailRecs.Core.Ingestion;

/// <summary>
/// Stores what store systems send: sales lines become orders (grouped by invoice), suggestion events become
/// interaction events, each request in one transaction with its idempotency record, so a retried request is either
/// wholly stored once or not at all. Requests go through one writer that commits whatever has queued up together
/// ("group commit"): SQLite takes one writer at a time and a commit costs a disk flush, so tills sending events at
/// once share flushes instead of queueing for one each. Stored sales reach the serving layer at once through
/// <see cref="LiveUpdates"/>. A "shown" event for a product of the list the app last recorded as shown to that customer
/// is an echo of the app's own fact (the till showing what the associate's card showed): accepted, not stored again.
/// </summary>
public sealed class EventIngestion(IDbContextFactory<RetailDbContext> contexts, LiveUpdates live, ChangeFeed feed, RollupRefresher rollups,
    ILogger<EventIngestion> logger, TimeProvider time)
{
    public const int MaxEventsPerRequest = 1000;
    /// <summary>The stored columns' sizes (Order.InvoiceNumber, Store.Code): longer text is refused in words, not by the database.</summary>
    public const int MaxInvoiceLength = 32, MaxStoreCodeLength = 32;

    /// <summary>
    /// A line's quantity and price at most (the Online Retail year's largest: 80,995 and 38,970): a thousand lines of
    /// them stay within an order's totals (a whole number of items, revenue in the database's 18 digits), which a till's
    /// typing error would otherwise overflow — stored as a negative count, or refused by PostgreSQL after the answer.
    /// </summary>
    public const int MaxQuantity = 100_000;
    public const decimal MaxUnitPrice = 100_000m;
    /// <summary>Requests committed together at most.</summary>
    public const int MaxBatch = 256;

    /// <summary>
    /// How long a group waits for its turn on the rollups while other groups hold it, before its orders go pending
    /// (PendingSales). During a refresh they go pending at once. Settable for tests.
    /// </summary>
    internal TimeSpan RollupPatience { get; set; } = TimeSpan.FromSeconds(2);

    private sealed record Job(int ApiKeyId, string? Key, string RequestHash, IReadOnlyList<StoreEvent> Events, TaskCompletionSource<IngestionOutcome> Done);

    private static readonly Dictionary<string, InteractionType?> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        ["purchase"] = null,
        ["basket_add"] = InteractionType.AddedToBasket,
        ["shown"] = InteractionType.Shown,
        ["accepted"] = InteractionType.Accepted,
        ["dismissed"] = InteractionType.Dismissed,
    };

    // A SKU's product id and a code's customer id never change once stored: cached, they spare two queries per commit.
    private readonly ConcurrentDictionary<string, int> _productIds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _customerIds = new(StringComparer.Ordinal);

    private readonly Channel<Job> _jobs = Channel.CreateUnbounded<Job>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock _gate = new();
    private Task? _writer;
    private bool _stopping;

    /// <param name="idempotencyKey">The sender's key for this batch: a retry under the same key is stored once.</param>
    /// <param name="requestHash">Hash of the batch as sent, to tell a retry from a different batch under the same key.</param>
    public Task<IngestionOutcome> IngestAsync(int apiKeyId, string? idempotencyKey, string requestHash, IReadOnlyList<StoreEvent> events,
        CancellationToken ct = default)
    {
        if (Validate(events, idempotencyKey) is { Count: > 0 } errors)
        {
            return Task.FromResult<IngestionOutcome>(new IngestionOutcome.Refused(errors));
        }
        var job = new Job(apiKeyId, idempotencyKey, requestHash, events,
            new TaskCompletionSource<IngestionOutcome>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            // Once the app stops, a batch is refused before it is taken rather than taken and then lost.
            if (_stopping)
            {
                return Task.FromResult<IngestionOutcome>(
                    new IngestionOutcome.Unavailable("The app is stopping; nothing of this request was stored.", TimeSpan.FromSeconds(10), Stopping: true));
            }
            // Started on first use; started again should it ever have stopped, so no request waits on a dead writer.
            if (_writer is null || _writer.IsCompleted)
            {
                _writer = Task.Run(WriteLoopAsync, CancellationToken.None);
            }
            _jobs.Writer.TryWrite(job); // under the lock, so a stop cannot slip between the check and the write
        }
        // A caller that gives up may still find its request stored: the idempotency key makes the retry safe.
        return job.Done.Task.WaitAsync(ct);
    }

    /// <summary>
    /// For the app's shutdown: refuses new requests from now on and waits until every request already taken is
    /// committed (or refused), so none is reported stored and then lost.
    /// </summary>
    public async Task StopAsync(CancellationToken ct)
    {
        Task? writer;
        lock (_gate)
        {
            _stopping = true;
            _jobs.Writer.TryComplete();
            writer = _writer;
        }
        if (writer is not null)
        {
            await writer.WaitAsync(ct);
        }
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Job>();
        while (await _jobs.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _jobs.Reader.TryRead(out var job))
            {
                batch.Add(job);
            }
            try
            {
                await WriteAsync(batch, checkInvoices: false);
            }
            catch (Exception e) when (StorageFaults.Classify(e) is StorageFault.Busy or StorageFault.Full or StorageFault.TimedOut)
            {
                // Busy, full or past the time-out: every request of the group would meet the same, so none is tried
                // again one by one (each try would wait out the time-out); all are refused with a retry, none was stored. A server
                // out of reach is tried again below: a connection the server ended (a restart) is replaced by a new
                // one, and only when that fails too are the requests refused (unavailable, with a time to retry).
                logger.LogWarning(e, "Group commit of {Requests} requests refused by the database", batch.Count);
                var refusal = Describe(e);
                foreach (var job in batch)
                {
                    job.Done.TrySetResult(refusal);
                }
            }
            catch (Exception e) when (batch.Count > 1)
            {
                // One request spoiled the group: each is written on its own, so only that one fails.
                logger.LogWarning(e, "Group commit of {Requests} requests failed; writing them one by one", batch.Count);
                foreach (var job in batch.Where(j => !j.Done.Task.IsCompleted))
                {
                    try
                    {
                        await WriteAsync([job], checkInvoices: true);
                    }
                    catch (Exception one)
                    {
                        job.Done.TrySetResult(Describe(one));
                    }
                }
            }
            catch (Exception)
            {
                try
                {
                    await WriteAsync(batch, checkInvoices: true); // names the clash, if an invoice was already stored
                }
                catch (Exception e)
                {
                    batch[0].Done.TrySetResult(Describe(e));
                }
            }
        }
    }

    private static IngestionOutcome Describe(Exception e) => StorageFaults.Describe(e) is { } fault
        ? new IngestionOutcome.Unavailable(fault.Message, fault.RetryAfter, Stopping: false)
        : new IngestionOutcome.NotStored();

    /// <param name="checkInvoices">
    /// Look stored invoices up first, to refuse a clash in words. A group commit skips it: the unique index refuses a
    /// clash anyway, and the group is then written request by request with the check.
    /// </param>
    private async Task WriteAsync(IReadOnlyList<Job> batch, bool checkInvoices)
    {
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        var pending = new List<Job>();
        var duplicates = new List<(Job Job, Job First)>();

        // Retries: answered from the stored record, or refused when the key came with another body.
        // By the calling key too: the unique index leads with it, so the lookup seeks instead of reading every record
        // ever stored (by the idempotency key alone a server scanned the whole table for every group).
        var keys = batch.Where(j => j.Key is not null).Select(j => j.Key!).Distinct().ToList();
        var callers = batch.Where(j => j.Key is not null).Select(j => j.ApiKeyId).Distinct().ToList();
        var stored = keys.Count == 0 ? [] : await db.IdempotencyRecords.AsNoTracking()
            .Where(r => callers.Contains(r.ApiKeyId) && keys.Contains(r.Key)).ToListAsync();
        var firstByKey = new Dictionary<(int, string), Job>();
        foreach (var job in batch)
        {
            if (job.Key is null)
            {
                pending.Add(job);
            }
            else if (stored.FirstOrDefault(r => r.ApiKeyId == job.ApiKeyId && r.Key == job.Key) is { } record)
            {
                if (record.RequestHash == job.RequestHash)
                {
                    job.Done.TrySetResult(JsonSerializer.Deserialize<IngestionOutcome.Ingested>(record.Response)! with { Replayed = true });
                }
                else
                {
                    job.Done.TrySetResult(new IngestionOutcome.KeyReused(job.Key));
                }
            }
            else if (firstByKey.TryGetValue((job.ApiKeyId, job.Key), out var first))
            {
                duplicates.Add((job, first)); // the same request twice in one group: answered with the first one's result
            }
            else
            {
                firstByKey[(job.ApiKeyId, job.Key)] = job;
                pending.Add(job);
            }
        }

        var skus = pending.SelectMany(j => j.Events).Select(e => e.Sku!.Trim()).Distinct().Where(s => !_productIds.ContainsKey(s)).ToList();
        if (skus.Count > 0)
        {
            foreach (var p in await db.Products.Where(p => skus.Contains(p.Sku)).Select(p => new { p.Sku, p.Id }).ToListAsync())
            {
                _productIds[p.Sku] = p.Id;
            }
        }
        var products = _productIds;
        var sent = pending.SelectMany(j => j.Events).Where(e => !string.IsNullOrWhiteSpace(e.CustomerCode)).Select(e => e.CustomerCode!.Trim()).Distinct().ToList();
        if (checkInvoices)
        {
            // Written again after a failed group: a cached customer may have been anonymised meanwhile (the retention
            // policy, an erasure), and their id would fail the sale again. Looked up afresh; gone, the till's next sale
            // for that code creates a new customer, as for anyone new.
            foreach (var code in sent)
            {
                _customerIds.TryRemove(code, out _);
            }
        }
        var codes = sent.Where(c => !_customerIds.ContainsKey(c)).ToList();
        if (codes.Count > 0)
        {
            foreach (var (code, id) in await Customers.CustomerCodeMatch.IdsAsync(db, codes, CancellationToken.None))
            {
                _customerIds[code] = id;
            }
        }
        var erased = await Privacy.ErasedCustomerCodes.LoadAsync(db);
        foreach (var code in sent.Where(c => Privacy.ErasedCustomerCodes.IsErased(erased, c)))
        {
            // Erased since their id was cached: no longer a customer to record an answer for (Check refuses it) and a
            // sale of theirs is a guest's (AddAsync).
            _customerIds.TryRemove(code, out _);
        }
        // Customers who object to personalisation: their sales are stored, but no model learns them, live or trained
        // (LearnableSales).
        var sentIds = sent.Select(c => _customerIds.TryGetValue(c, out var id) ? id : (int?)null).OfType<int>().ToList();
        var objecting = sentIds.Count == 0 ? []
            : (await db.Customers.Where(c => sentIds.Contains(c.Id) && c.PersonalizationOptOut).Select(c => c.Id).ToListAsync()).ToHashSet();
        // Known customers by id only (nothing to load); new ones get an entity, shared by the group's requests.
        var customers = new Dictionary<string, Customer>(StringComparer.Ordinal);
        var invoices = pending.SelectMany(j => j.Events).Where(e => !string.IsNullOrWhiteSpace(e.Invoice)).Select(e => e.Invoice!.Trim()).Distinct().ToList();
        var taken = checkInvoices ? (await db.Orders.Where(o => invoices.Contains(o.InvoiceNumber)).Select(o => o.InvoiceNumber).ToListAsync()).ToHashSet() : [];
        var stores = new Dictionary<string, Store>(StringComparer.Ordinal);
        var shownTo = pending.SelectMany(j => j.Events).Where(e => string.Equals(e.Type, "shown", StringComparison.OrdinalIgnoreCase))
            .Select(e => _customerIds.TryGetValue(e.CustomerCode!.Trim(), out var id) ? id : (int?)null).OfType<int>().Distinct().ToList();
        var appShown = await ShownLists.LatestAsync(db, shownTo);

        var written = new List<(Job Job, IngestionOutcome.Ingested Result, List<Order> Orders, List<string> Notified)>();
        foreach (var job in pending)
        {
            if (Check(job, products, _customerIds, taken) is { } problem)
            {
                job.Done.TrySetResult(problem);
                continue;
            }
            var (result, orders, notified) = await AddAsync(db, job, products, _customerIds, customers, stores, appShown, erased, time.LocalTimeZone);
            taken.UnionWith(orders.Select(o => o.InvoiceNumber));
            written.Add((job, result, orders, notified));
        }
        await SaveAsync(db, [.. written.SelectMany(w => w.Orders)]);
        foreach (var (code, customer) in customers)
        {
            _customerIds[code] = customer.Id;
        }

        var changes = new List<(string Kind, int SubjectId)>();
        foreach (var (job, result, orders, notified) in written)
        {
            // Into the live updates before the answer: once a till hears its sale is stored, suggestions already reflect it.
            foreach (var order in orders)
            {
                changes.Add((ChangeKinds.Sale, order.Id));
                if (order.IsAnonymised || order.CustomerId is { } buyer && objecting.Contains(buyer))
                {
                    continue; // not a sale a model may learn (LearnableSales): an erased customer's, or an objector's
                }
                live.AddSale(order.CustomerId, order.PlacedOn.DayNumber,
                    order.Lines.Where(l => l.Quantity > 0).GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => (float)g.Sum(l => l.Quantity)));
            }
            foreach (var code in notified.Distinct())
            {
                live.Notify(_customerIds[code]);
                changes.Add((ChangeKinds.Customer, _customerIds[code]));
            }
            job.Done.TrySetResult(result);
        }
        await PublishAsync(changes);
        foreach (var (job, first) in duplicates)
        {
            if (first.RequestHash != job.RequestHash)
            {
                job.Done.TrySetResult(new IngestionOutcome.KeyReused(job.Key!));
                continue;
            }
            var outcome = await first.Done.Task;
            job.Done.TrySetResult(outcome is IngestionOutcome.Ingested ingested ? ingested with { Replayed = true } : outcome);
        }
    }

    /// <summary>
    /// Saves the group and adds its sales to the dashboard's rollups in the same transaction, so the month they fall in
    /// stays on the rollups (a mark would send every dashboard to the month's lines until the next refresh).
    /// </summary>
    private async Task SaveAsync(RetailDbContext db, IReadOnlyCollection<Order> orders)
    {
        if (orders.Count == 0 || !SaleRollupDeltas.Supported(db))
        {
            await db.SaveChangesAsync(); // other providers: the orders' months are marked for the refresh
            return;
        }
        await using var tx = await db.Database.BeginTransactionAsync();
        db.AddedSalesRolledUpBySaver = true;
        await db.SaveChangesAsync();
        var pending = !await SalesRollup.TryTakeTurnAsync(db, RollupPatience, CancellationToken.None);
        if (pending)
        {
            // A month's refresh holds the rollups (minutes on a chain's data): the orders wait as pending, added by the
            // next refresh's turn, and the dashboard reads their months from the lines until then.
            PendingSales.Add(db, orders);
            await db.SaveChangesAsync();
        }
        else
        {
            await SaleRollupDeltas.ApplyAsync(db, orders);
        }
        await tx.CommitAsync();
        db.AddedSalesRolledUpBySaver = false;
        if (pending)
        {
            // A running refresh adds them after its month anyway; when something else held the turn past the patience
            // (other tills' groups, an erasure), the background refresh would otherwise find them only at its next round.
            rollups.Poke();
        }
    }

    // The requests are answered already: a notice that cannot be written costs the other instances a live refresh, not a sale.
    private async Task PublishAsync(IReadOnlyCollection<(string Kind, int SubjectId)> changes)
    {
        if (!await feed.TryPublishAsync(changes))
        {
            logger.LogWarning("{Changes} change notices for other instances not written", changes.Count);
        }
    }

    /// <summary>What in a request the stored data refuses (unknown products or customers, invoices already stored), or null.</summary>
    private static IngestionOutcome? Check(Job job, IReadOnlyDictionary<string, int> products, IReadOnlyDictionary<string, int> known, HashSet<string> taken)
    {
        var errors = new List<InputError>();
        for (var i = 0; i < job.Events.Count; i++)
        {
            var e = job.Events[i];
            if (!products.ContainsKey(e.Sku!.Trim()))
            {
                errors.Add(new InputError("sku", $"Unknown product '{e.Sku}'", i, Unknown: true));
            }
            if (Types[e.Type!] is not null && !known.ContainsKey(e.CustomerCode!.Trim()))
            {
                errors.Add(new InputError("customerCode", $"Unknown customer '{e.CustomerCode}'", i, Unknown: true));
            }
        }
        if (errors.Count > 0)
        {
            return new IngestionOutcome.Refused(errors);
        }
        return job.Events.FirstOrDefault(e => Types[e.Type!] is null && e.Invoice is { } invoice && taken.Contains(invoice.Trim())) is { } clash
            ? new IngestionOutcome.InvoiceTaken(clash.Invoice!)
            : null;
    }

    private static async Task<(IngestionOutcome.Ingested, List<Order>, List<string> Notified)> AddAsync(RetailDbContext db, Job job, IReadOnlyDictionary<string, int> products,
        IReadOnlyDictionary<string, int> known, Dictionary<string, Customer> created, Dictionary<string, Store> stores,
        IReadOnlyDictionary<int, ShownLists.Latest> appShown, IReadOnlySet<string> erased, TimeZoneInfo shopZone)
    {
        var now = DateTime.UtcNow;
        var orders = new Dictionary<string, Order>(StringComparer.Ordinal);
        var notified = new List<string>();
        foreach (var e in job.Events)
        {
            var at = e.OccurredAt?.ToUniversalTime() ?? now;
            // A sale is stored on the shop's clock, as imported sales are (the export's wall-clock time): its day, its
            // hour on the dashboard and its place beside the shop's other sales. Events stay in UTC, as the app's own;
            // attribution compares the two on the sales' clock (Analytics.ShownThenBought).
            var soldAt = Analytics.ShownThenBought.OnSaleClock(at, shopZone);
            var productId = products[e.Sku!.Trim()];
            var code = string.IsNullOrWhiteSpace(e.CustomerCode) ? null : e.CustomerCode.Trim();
            var erasedCustomer = Privacy.ErasedCustomerCodes.IsErased(erased, code);
            if (erasedCustomer)
            {
                code = null; // erased at their request: the sale counts for the products, never for a person again
            }
            int? customerId = code is not null && known.TryGetValue(code, out var id) ? id : null;
            Customer? newCustomer = null;
            if (code is not null && customerId is null && !created.TryGetValue(code, out newCustomer))
            {
                // A till meets new customers: their first sale creates them (their details follow as a customer upsert).
                newCustomer = created[code] = CustomerRule.New(code, CustomerRule.JoinedOn(null, DateOnly.FromDateTime(soldAt), now));
                db.Customers.Add(newCustomer);
            }
            if (Types[e.Type!] is { } type)
            {
                // Check() let it through only for a customer already stored, so the id is known.
                if (type == InteractionType.Shown && appShown.TryGetValue(customerId!.Value, out var list) && list.Products.Contains(productId)
                    && (e.ModelRunId is null || e.ModelRunId == list.ModelRunId))
                {
                    continue; // the app recorded this showing already
                }
                db.InteractionEvents.Add(new InteractionEvent
                {
                    CustomerId = customerId, ProductId = productId, Type = type, Source = ShownLists.ApiSource, ModelRunId = e.ModelRunId, OccurredAt = at,
                });
                notified.Add(code!);
                continue;
            }
            // A sale sent without an invoice number gets one of its own; it must fit the column (32 characters, which
            // SQLite never enforced and a server refuses): "API-" and 28 hex digits of a new GUID.
            var invoice = string.IsNullOrWhiteSpace(e.Invoice) ? $"API-{Guid.NewGuid():N}"[..MaxInvoiceLength] : e.Invoice.Trim();
            if (!orders.TryGetValue(invoice, out var order))
            {
                orders[invoice] = order = new Order
                {
                    InvoiceNumber = invoice, CustomerId = customerId, Customer = newCustomer, PlacedAt = soldAt, Store = await StoreAsync(db, stores, e.Store),
                };
                db.Orders.Add(order);
            }
            // Nor for a model, which would learn the basket as a guest's (Order.IsAnonymised).
            order.IsAnonymised |= erasedCustomer;
            // Prices are kept to 4 decimals, as the column holds them on a server: the rollups add what is stored.
            var price = e.UnitPrice is { } p ? Math.Round(p, 4, MidpointRounding.AwayFromZero) : (decimal?)null;
            order.Lines.Add(new OrderLine { LineNumber = order.Lines.Count + 1, ProductId = productId, Quantity = e.Quantity ?? 1, UnitPrice = price });
        }
        foreach (var order in orders.Values)
        {
            order.RefreshTotals();
        }
        var result = new IngestionOutcome.Ingested(orders.Values.Sum(o => o.Lines.Count), orders.Count, job.Events.Count - orders.Values.Sum(o => o.Lines.Count), false);
        if (job.Key is not null)
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                ApiKeyId = job.ApiKeyId, Key = job.Key, RequestHash = job.RequestHash, Response = JsonSerializer.Serialize(result),
            });
        }
        return (result, orders.Values.ToList(), notified);
    }

    private static async Task<Store?> StoreAsync(RetailDbContext db, Dictionary<string, Store> stores, string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }
        code = code.Trim();
        if (!stores.TryGetValue(code, out var store))
        {
            store = await db.Stores.SingleOrDefaultAsync(s => s.Code == code) ?? db.Stores.Add(new Store { Code = code, Name = code }).Entity;
            stores[code] = store;
        }
        return store;
    }

    private static List<InputError> Validate(IReadOnlyList<StoreEvent> events, string? idempotencyKey)
    {
        var errors = new List<InputError>();
        if (events.Count == 0)
        {
            errors.Add(new InputError("events", "Send at least one event."));
        }
        if (events.Count > MaxEventsPerRequest)
        {
            errors.Add(new InputError("events", $"At most {MaxEventsPerRequest} events per request; split the batch."));
        }
        if (idempotencyKey is { Length: > 100 })
        {
            errors.Add(new InputError("idempotencyKey", "At most 100 characters."));
        }
        for (var i = 0; i < Math.Min(events.Count, MaxEventsPerRequest); i++)
        {
            var e = events[i];
            if (e.Type is null || !Types.TryGetValue(e.Type, out var type))
            {
                errors.Add(new InputError("type", $"Use one of: {string.Join(", ", Types.Keys)}.", i));
                continue;
            }
            if (string.IsNullOrWhiteSpace(e.Sku) || e.Sku.Length > 64)
            {
                errors.Add(new InputError("sku", "The product's SKU is required (at most 64 characters).", i));
            }
            if (type is not null && string.IsNullOrWhiteSpace(e.CustomerCode))
            {
                errors.Add(new InputError("customerCode", "A suggestion or basket event needs the customer's id.", i));
            }
            if (e.CustomerCode is { Length: > 64 })
            {
                errors.Add(new InputError("customerCode", "At most 64 characters.", i));
            }
            if (type is null && e.Quantity is <= 0)
            {
                errors.Add(new InputError("quantity", "A sale's quantity must be above zero (returns come through the transactions import).", i));
            }
            if (e.Invoice is { } invoiceNumber && invoiceNumber.Trim().Length > MaxInvoiceLength)
            {
                errors.Add(new InputError("invoice", $"At most {MaxInvoiceLength} characters.", i));
            }
            if (e.Store is { } store && store.Trim().Length > MaxStoreCodeLength)
            {
                errors.Add(new InputError("store", $"A store code has at most {MaxStoreCodeLength} characters.", i));
            }
            if (e.Quantity is > MaxQuantity)
            {
                errors.Add(new InputError("quantity", $"At most {MaxQuantity:N0} per line; check the till's entry.", i));
            }
            if (e.UnitPrice is < 0)
            {
                errors.Add(new InputError("unitPrice", "A price cannot be negative.", i));
            }
            if (e.UnitPrice is > MaxUnitPrice)
            {
                errors.Add(new InputError("unitPrice", $"At most {MaxUnitPrice:N0} per unit; check the till's entry.", i));
            }
            if (e.OccurredAt is { } when && when.ToUniversalTime() > DateTime.UtcNow.AddDays(1))
            {
                errors.Add(new InputError("occurredAt", "The event is dated in the future; check the till's clock.", i));
            }
        }
        return errors;
    }
}
