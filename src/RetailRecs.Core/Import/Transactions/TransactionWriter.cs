using System.Diagnostics;
using System.Threading.Channels;
using RetailRecs.Core.Customers;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a transactions file chunk by chunk as the cleaner reads it, inside the caller's one transaction, through a
/// provider's <see cref="ITransactionStore"/>: memory holds one chunk of lines, plus an id per product and customer of
/// the file, never every line or every order. What the whole file decides (a product's usual name and price, a
/// customer's first purchase) is settled at the end, on the rows this import added.
/// </summary>
internal sealed class TransactionWriter(ITransactionStore store, int importBatchId, IProgress<ImportProgress>? progress, CancellationToken ct)
{
    private const int ProgressEvery = 50_000, SettleSlice = 10_000;

    private sealed class CustomerSlot(int id, bool added, string? country, DateOnly? joinedOn)
    {
        public int Id { get; } = id;
        public bool Added { get; } = added;
        public string? StoredCountry { get; } = country;
        public DateOnly? StoredJoinedOn { get; } = joinedOn;
        public DateOnly? JoinedOn { get; set; } = joinedOn;
        /// <summary>As the file gives it so far (a later chunk may give the first country).</summary>
        public string? Country { get; set; } = country;
    }

    private readonly Dictionary<string, int> _productIds = new(StringComparer.Ordinal);
    private readonly HashSet<string> _productsAdded = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CustomerSlot> _customers = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _appendedBefore = [];
    private readonly HashSet<int> _changedOrders = [];
    private readonly HashSet<DateOnly> _months = [];
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _ordersAdded, _linesAdded, _linesSeen, _linesCompleted, _pricesFilled, _quantitiesFilled;

    public async Task<WriteCounts> WriteAsync(TransactionBatch batch)
    {
        await WriteWhileReadingAsync(batch.Chunks);

        var now = DateTime.UtcNow;
        // A slice at a time, read from the tally as they go: the catalog's names never all in memory at once.
        foreach (var slice in batch.Tally.Products().Where(p => _productIds.ContainsKey(p.Sku))
            .Select(p => (p, _productsAdded.Contains(p.Sku))).Chunk(SettleSlice))
        {
            await store.SettleProductsAsync(slice, now, ct);
        }
        // Only when the file's order made them differ (a customer's country given first on a later row, an earlier sale further on).
        var customers = _customers.Values.Where(c => c.Added && (c.Country != c.StoredCountry || c.JoinedOn != c.StoredJoinedOn))
            .Select(c => (c.Id, c.Country, c.JoinedOn)).ToList();
        if (customers.Count > 0)
        {
            await store.SettleCustomersAsync(customers, ct);
        }
        if (_changedOrders.Count > 0)
        {
            await store.RefreshTotalsAsync(_changedOrders, ct);
        }
        progress?.Report(new ImportProgress("Writing", _linesSeen, _clock.Elapsed));
        return new WriteCounts(_productsAdded.Count, _customers.Values.Count(c => c.Added), _ordersAdded, _linesAdded,
            _linesSeen - _linesAdded - _linesCompleted, _linesCompleted, _pricesFilled, _quantitiesFilled) { Months = _months };
    }

    /// <summary>
    /// Reads the next chunk on another thread while this one is written: the two halves of an import (parsing and
    /// cleaning, the database's inserts) take about as long as each other, and the machine has two cores. At most one
    /// chunk waits between them, so memory stays that of three chunks. The cleaner owns everything it mutates; a chunk
    /// carries copies of what the writer needs.
    /// </summary>
    private async Task WriteWhileReadingAsync(IEnumerable<TransactionChunk> chunks)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var queue = Channel.CreateBounded<TransactionChunk>(new BoundedChannelOptions(1) { SingleReader = true, SingleWriter = true });
        var reading = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in chunks)
                {
                    await queue.Writer.WriteAsync(chunk, stop.Token);
                }
            }
            finally
            {
                queue.Writer.TryComplete();
            }
        }, CancellationToken.None);
        try
        {
            while (await queue.Reader.WaitToReadAsync(CancellationToken.None))
            {
                while (queue.Reader.TryRead(out var chunk))
                {
                    await WriteChunkAsync(chunk);
                }
            }
        }
        catch
        {
            // The write failed: stop the reader, let it finish, and report the write's own error.
            await stop.CancelAsync();
            try
            {
                await reading;
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
            }
            throw;
        }
        // The reader's own failure (an unreadable row, a cancellation), or the end of the file: the report and the
        // products' usual names are final once it has returned.
        await reading;
    }

    private async Task WriteChunkAsync(TransactionChunk chunk)
    {
        ct.ThrowIfCancellationRequested();
        var newProducts = chunk.Products.Where(p => !_productIds.ContainsKey(p.Sku)).ToList();
        if (newProducts.Count > 0)
        {
            foreach (var (sku, id, added) in await store.AddProductsAsync(newProducts, ct))
            {
                _productIds[sku] = id;
                if (added)
                {
                    _productsAdded.Add(sku);
                }
            }
        }

        // A customer joins on their first purchase in the file: the earliest of this chunk, moved earlier by a later chunk.
        var firstPurchase = new Dictionary<string, DateOnly>(StringComparer.Ordinal);
        foreach (var order in chunk.Orders.Where(o => o.CustomerCode is not null))
        {
            var day = DateOnly.FromDateTime(order.PlacedAt);
            if (!firstPurchase.TryGetValue(order.CustomerCode!, out var known) || day < known)
            {
                firstPurchase[order.CustomerCode!] = day;
            }
        }
        // A customer's first country may come in a later chunk than their first order (in any row of theirs).
        foreach (var (code, country) in chunk.Countries)
        {
            if (country is not null && _customers.TryGetValue(code, out var known))
            {
                known.Country = country;
            }
        }
        var newCustomers = new List<NewCustomer>();
        foreach (var (code, day) in firstPurchase)
        {
            if (_customers.TryGetValue(code, out var slot))
            {
                if (slot.Added && (slot.JoinedOn is null || day < slot.JoinedOn))
                {
                    slot.JoinedOn = day;
                }
            }
            else
            {
                newCustomers.Add(new NewCustomer(code, chunk.Countries.GetValueOrDefault(code), CustomerRule.JoinedOn(null, day, DateTime.UtcNow)));
            }
        }
        if (newCustomers.Count > 0)
        {
            var given = newCustomers.ToDictionary(c => c.Code, StringComparer.Ordinal);
            foreach (var (code, id, added) in await store.AddCustomersAsync(newCustomers, ct))
            {
                _customers[code] = new CustomerSlot(id, added, given[code].Country, given[code].JoinedOn);
            }
        }

        var orders = chunk.Orders;
        foreach (var order in orders)
        {
            _months.Add(Analytics.Rollups.SalesRollup.MonthOf(order.PlacedAt));
        }
        var slots = await store.AddOrdersAsync(orders.Select(o => (o, o.CustomerCode is null ? (int?)null : _customers[o.CustomerCode].Id)).ToList(), importBatchId, ct);
        var placed = orders.Zip(slots).ToList();
        _ordersAdded += slots.Count(s => s.AddedNow);
        var earlier = slots.Where(s => !s.AddedNow).Select(s => s.Id).ToList();
        var stored = earlier.Count == 0 ? [] : await store.StoredLinesAsync(earlier, ct);

        var plan = LinePlan.For(placed, stored, _productIds, _appendedBefore, _changedOrders, () =>
        {
            if (++_linesSeen % ProgressEvery == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("Writing", _linesSeen, _clock.Elapsed));
            }
        });
        _linesAdded += await store.WriteLinesAsync(plan, ct);
        _linesCompleted += plan.Completed.Count;
        _pricesFilled += plan.PricesFilled;
        _quantitiesFilled += plan.QuantitiesFilled;
    }
}
