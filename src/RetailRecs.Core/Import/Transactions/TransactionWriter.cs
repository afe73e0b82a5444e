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

    /// <summary>
    /// Product and customer ids cached by key: a few megabytes; a shop's whole catalog and clientele, and the part of a
    /// chain's that its recent chunks name.
    /// </summary>
    public const int DefaultIdCache = 100_000;

    /// <summary>
    /// A customer this import added: the country and first purchase the file has given so far, and whether they differ
    /// from what was stored. 16 bytes, the day as a day number (or <see cref="NoDay"/>), to stay small at 100×.
    /// </summary>
    private struct AddedCustomer(string? country, DateOnly? joinedOn)
    {
        public const int NoDay = -1;
        public string? Country = country;
        public int JoinedDay = joinedOn?.DayNumber ?? NoDay;
        public bool Changed;

        public readonly DateOnly? JoinedOn => JoinedDay == NoDay ? null : DateOnly.FromDayNumber(JoinedDay);
    }

    // Ids of the products and customers met lately, by key: caches emptied when full (before a chunk, never during
    // one), so memory does not grow with the catalog or the customers; a key not cached is looked up, or added, with
    // its chunk. What the end of the file needs is kept by id: the products and customers this import added.
    private readonly Dictionary<string, int> _productIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _customerIds = new(StringComparer.Ordinal);
    private readonly AddedIds _productsAdded = new();
    private readonly AddedIds _customersAdded = new();
    private readonly PagedList<AddedCustomer> _addedCustomers = new(); // by place in _customersAdded
    // One copy of each country's name, shared by the customers that give it.
    private readonly Dictionary<string, string> _countryNames = new(StringComparer.Ordinal);
    private readonly Dictionary<int, int> _appendedBefore = [];
    private readonly HashSet<int> _changedOrders = [];
    private readonly HashSet<DateOnly> _months = [];
    private readonly ReusedInvoices _refused = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private int _ordersAdded, _linesAdded, _linesSeen, _linesCompleted, _pricesFilled, _quantitiesFilled;

    public async Task<WriteCounts> WriteAsync(TransactionBatch batch)
    {
        await WriteWhileReadingAsync(batch.Chunks, batch.IdCache);

        var now = DateTime.UtcNow;
        // A slice at a time, read from the tally as they go: the catalog's names never all in memory at once. Every
        // product of the file is stored by now; "add if absent" gives back their ids.
        foreach (var slice in batch.Tally.Products().Chunk(SettleSlice))
        {
            var ids = (await store.AddProductsAsync(slice.Select(p => new NewProduct(p.Sku, p.IsNonMerchandise, p.FirstSeenAt ?? now)).ToList(), ct))
                .ToDictionary(p => p.Sku, p => p.Id, StringComparer.Ordinal);
            await store.SettleProductsAsync(slice.Select(p => (p, _productsAdded.Contains(ids[p.Sku]))).ToList(), now, ct);
        }
        // Only when the file's order made them differ (a customer's country given first on a later row, an earlier sale further on).
        var customers = _customersAdded.All().Where(c => _addedCustomers[c.Place].Changed)
            .Select(c => (c.Id, _addedCustomers[c.Place].Country, _addedCustomers[c.Place].JoinedOn)).ToList();
        if (customers.Count > 0)
        {
            await store.SettleCustomersAsync(customers, ct);
        }
        if (_changedOrders.Count > 0)
        {
            await store.RefreshTotalsAsync(_changedOrders, ct);
        }
        progress?.Report(new ImportProgress("Writing", _linesSeen, _clock.Elapsed));
        return new WriteCounts(_productsAdded.Count, _customersAdded.Count, _ordersAdded, _linesAdded,
            _linesSeen - _linesAdded - _linesCompleted, _linesCompleted, _pricesFilled, _quantitiesFilled) { Months = _months, ReusedInvoices = _refused };
    }

    /// <summary>
    /// Reads the next chunk on another thread while this one is written: the two halves of an import (parsing and
    /// cleaning, the database's inserts) take about as long as each other, and the machine has two cores. At most one
    /// chunk waits between them, so memory stays that of three chunks. The cleaner owns everything it mutates; a chunk
    /// carries copies of what the writer needs.
    /// </summary>
    private async Task WriteWhileReadingAsync(IEnumerable<TransactionChunk> chunks, int idCache)
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
                    await WriteChunkAsync(chunk, idCache);
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

    private async Task WriteChunkAsync(TransactionChunk chunk, int idCache)
    {
        ct.ThrowIfCancellationRequested();
        if (_productIds.Count + chunk.Products.Count > idCache)
        {
            _productIds.Clear();
        }
        var newProducts = chunk.Products.Where(p => !_productIds.ContainsKey(p.Sku)).ToList();
        if (newProducts.Count > 0)
        {
            var added = new List<int>();
            foreach (var (sku, id, isNew) in await store.AddProductsAsync(newProducts, ct))
            {
                _productIds[sku] = id;
                if (isNew)
                {
                    added.Add(id);
                }
            }
            // In id order: the ids a chunk added are consecutive, and kept as one run.
            added.Sort();
            foreach (var id in added)
            {
                _productsAdded.Add(id);
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
        if (_customerIds.Count + firstPurchase.Count > idCache)
        {
            _customerIds.Clear();
        }
        var newCustomers = firstPurchase.Where(c => !_customerIds.ContainsKey(c.Key))
            .Select(c => new NewCustomer(c.Key, CountryName(chunk.Countries.GetValueOrDefault(c.Key)), CustomerRule.JoinedOn(null, c.Value, DateTime.UtcNow)))
            .ToList();
        if (newCustomers.Count > 0)
        {
            // A customer the API stored in small letters ("ws-ab12") is the file's "WS-AB12": before 2026-12-07 a second
            // customer was created beside them. Looked up per chunk, by the index: nothing held for the whole file.
            var inSmallLetters = await store.CustomersInSmallLettersAsync(newCustomers.Select(c => c.Code).ToList(), ct);
            if (inSmallLetters.Count > 0)
            {
                foreach (var (code, id) in inSmallLetters)
                {
                    _customerIds[code] = id;
                }
                newCustomers.RemoveAll(c => inSmallLetters.ContainsKey(c.Code));
            }
        }
        var addedNow = new HashSet<int>();
        if (newCustomers.Count > 0)
        {
            var given = newCustomers.ToDictionary(c => c.Code, StringComparer.Ordinal);
            var added = new List<(int Id, string Code)>();
            foreach (var (code, id, isNew) in await store.AddCustomersAsync(newCustomers, ct))
            {
                _customerIds[code] = id;
                if (isNew)
                {
                    added.Add((id, code));
                    addedNow.Add(id);
                }
            }
            // In id order: the ids a chunk added are consecutive, and kept as one run.
            added.Sort();
            foreach (var (id, code) in added)
            {
                _customersAdded.Add(id);
                _addedCustomers.Add(new AddedCustomer(given[code].Country, given[code].JoinedOn));
            }
        }
        // A customer an earlier chunk added: this chunk may hold an earlier sale, or give the first country (in any row).
        foreach (var (code, day) in firstPurchase)
        {
            var id = _customerIds[code];
            if (!addedNow.Contains(id) && _customersAdded.PlaceOf(id) is var place and >= 0)
            {
                ref var customer = ref _addedCustomers[place];
                if (customer.JoinedDay == AddedCustomer.NoDay || day.DayNumber < customer.JoinedDay)
                {
                    (customer.JoinedDay, customer.Changed) = (day.DayNumber, true);
                }
                SetCountry(ref customer, CountryName(chunk.Countries.GetValueOrDefault(code)) ?? customer.Country);
            }
        }
        foreach (var (code, country) in chunk.Countries)
        {
            if (country is not null && !firstPurchase.ContainsKey(code) && _customerIds.TryGetValue(code, out var id)
                && _customersAdded.PlaceOf(id) is var place and >= 0)
            {
                SetCountry(ref _addedCustomers[place], CountryName(country));
            }
        }

        var orders = chunk.Orders.Select(o => (Draft: o, CustomerId: o.CustomerCode is null ? (int?)null : _customerIds[o.CustomerCode])).ToList();
        // A basket an earlier import stored under its old key (a file without invoice numbers, before 2026-12-06) for
        // this same customer is matched there; any other customer's under that key is theirs, and this one keeps its new key.
        if (orders.Where(o => o.Draft.LegacyKey is not null).ToList() is { Count: > 0 } keyedBefore)
        {
            var owners = await store.StoredOrdersAsync(keyedBefore.Select(o => o.Draft.LegacyKey!).Distinct().ToList(), ct);
            foreach (var (draft, customerId) in keyedBefore)
            {
                if (owners.TryGetValue(draft.LegacyKey!, out var owner) && owner.CustomerId == customerId)
                {
                    draft.KeepLegacyKey();
                }
            }
        }
        await KeyNumbersAsync(chunk.Orders);
        var slots = await store.AddOrdersAsync(orders, importBatchId, ct);
        foreach (var slot in slots)
        {
            // The stored order's month, not the file's: an order stored before keeps its day, and its lines may change here.
            _months.Add(Analytics.Rollups.SalesRollup.MonthOf(slot.PlacedOn));
        }
        var placed = new List<(OrderDraft, OrderSlot)>(slots.Count);
        foreach (var ((draft, customerId), slot) in orders.Zip(slots))
        {
            // An invoice number stored as another customer's sale the same day: a till that numbers receipts per till
            // reuses them, and these lines would join that customer's basket (their card, their suggestions). Left
            // out and reported; a guest sale on either side proves nothing and is matched as before.
            if (!slot.AddedNow && slot.CustomerId is { } storedFor && customerId is { } fileFor && storedFor != fileFor)
            {
                _refused.Add(draft.InvoiceNumber, draft.Lines.Count);
                continue;
            }
            placed.Add((draft, slot));
        }
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

    /// <summary>
    /// Which of the chunk's baskets keeps its bare receipt number and which is stored under its number and day
    /// (<see cref="OrderDraft.DatedNumber"/>): the basket of the day the number is stored on keeps it (a corrected export
    /// finds its receipt again, whichever way round the files came); another day's is another basket, except the same
    /// sale that a store system sent and its export dates a day apart (another time zone: all the products the API
    /// stored in the file's basket). A number not stored keeps the chunk's key (the cleaner gave one per number and day).
    /// </summary>
    private async Task KeyNumbersAsync(IReadOnlyList<OrderDraft> drafts)
    {
        var numbered = drafts.Where(d => d.Number is not null && OrderDraft.DatedNumber(d.Number, d.PlacedAt) is not null).ToList();
        if (numbered.Count == 0)
        {
            return;
        }
        var stored = await store.StoredOrdersAsync(numbered.Select(d => d.Number!).Distinct().ToList(), ct);
        var dayApart = new List<(OrderDraft Draft, StoredOrder Order)>();
        foreach (var group in numbered.Where(d => stored.ContainsKey(d.Number!)).GroupBy(d => d.Number!))
        {
            var order = stored[group.Key];
            var sameDay = group.FirstOrDefault(d => DateOnly.FromDateTime(d.PlacedAt) == order.PlacedOn);
            foreach (var draft in group)
            {
                draft.KeyAs(ReferenceEquals(draft, sameDay) ? draft.Number! : OrderDraft.DatedNumber(draft.Number!, draft.PlacedAt)!);
            }
            // At most one of the group keeps the bare number: the one dated the stored day, else one a day apart from a till's sale.
            if (sameDay is null && !order.Imported
                && group.FirstOrDefault(d => Math.Abs(order.PlacedOn.DayNumber - DateOnly.FromDateTime(d.PlacedAt).DayNumber) == 1) is { } apart)
            {
                dayApart.Add((apart, order));
            }
        }
        if (dayApart.Count == 0)
        {
            return;
        }
        var storedProducts = (await store.StoredLinesAsync(dayApart.Select(d => d.Order.Id).ToList(), ct)).ToLookup(l => l.OrderId, l => l.ProductId);
        foreach (var (draft, order) in dayApart)
        {
            var inFile = draft.Lines.Select(l => _productIds[l.Sku]).ToHashSet();
            if (storedProducts[order.Id].All(inFile.Contains))
            {
                draft.KeyAs(draft.Number!);
            }
        }
    }

    private static void SetCountry(ref AddedCustomer customer, string? country)
    {
        if (!string.Equals(customer.Country, country, StringComparison.Ordinal))
        {
            (customer.Country, customer.Changed) = (country, true);
        }
    }

    private string? CountryName(string? country)
    {
        if (country is null)
        {
            return null;
        }
        if (!_countryNames.TryGetValue(country, out var shared))
        {
            _countryNames[country] = shared = country;
        }
        return shared;
    }
}
