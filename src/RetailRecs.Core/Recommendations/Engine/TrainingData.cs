namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// A compact, index-based snapshot of the catalog, the customers and their purchases over a time window: everything
/// the models learn from. Items and customers are addressed by their position (index), not by database id, so
/// models use plain arrays.
/// </summary>
public sealed class TrainingData
{
    private readonly Dictionary<int, int> _itemByProductId;
    private readonly Dictionary<int, int> _customerById;
    private readonly IReadOnlyList<Return> _returns;

    public TrainingData(IReadOnlyList<CatalogItem> items, IReadOnlyList<int> customerIds, IReadOnlyList<Purchase> purchases,
        int firstDay, int lastDay, IReadOnlyList<Return>? returns = null, double halfLifeDays = 90)
    {
        Items = items;
        CustomerIds = customerIds;
        Purchases = purchases;
        FirstDay = firstDay;
        LastDay = lastDay;
        HalfLifeDays = halfLifeDays;
        _itemByProductId = new Dictionary<int, int>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            _itemByProductId[items[i].ProductId] = i;
        }
        _customerById = new Dictionary<int, int>(customerIds.Count);
        for (var c = 0; c < customerIds.Count; c++)
        {
            _customerById[customerIds[c]] = c;
        }
        _returns = returns ?? [];
        Baskets = BuildBaskets(purchases, null);
        Histories = BuildHistories(purchases, customerIds.Count, lastDay, halfLifeDays, _returns, int.MaxValue);
    }

    /// <summary>The sales of <paramref name="whole"/> before <paramref name="splitDay"/>: see <see cref="Before"/>.</summary>
    private TrainingData(TrainingData whole, int splitDay)
    {
        Items = whole.Items;
        CustomerIds = whole.CustomerIds;
        var purchases = PurchasesBefore.Of(whole.Purchases, splitDay);
        Purchases = purchases;
        var first = int.MaxValue;
        foreach (var p in PurchasesBefore.Span(purchases, out var end))
        {
            first = p.Day < end ? Math.Min(first, p.Day) : first;
        }
        FirstDay = purchases.Count == 0 ? splitDay - 1 : first;
        LastDay = splitDay - 1;
        HalfLifeDays = whole.HalfLifeDays;
        _itemByProductId = whole._itemByProductId;
        _customerById = whole._customerById;
        _returns = whole._returns;
        _whole = whole._whole ?? whole;
        Baskets = BuildBaskets(purchases, _whole);
        Histories = BuildHistories(purchases, CustomerIds.Count, LastDay, HalfLifeDays, _returns, splitDay);
    }

    /// <summary>For a snapshot cut by date, the snapshot it was cut from (whose purchases and baskets it reads); else null.</summary>
    private readonly TrainingData? _whole;

    public IReadOnlyList<CatalogItem> Items { get; }
    public IReadOnlyList<int> CustomerIds { get; }
    public IReadOnlyList<Purchase> Purchases { get; }
    public int FirstDay { get; }
    /// <summary>The last day of the window: "today" for the models' time decay.</summary>
    public int LastDay { get; }
    public double HalfLifeDays { get; }

    /// <summary>Distinct item indexes of every sales basket (guest ones included), indexed by basket.</summary>
    public IReadOnlyList<int[]> Baskets { get; }

    /// <summary>Per customer index, the items they kept (net quantity above zero), ordered by item index.</summary>
    public IReadOnlyList<HistoryEntry[]> Histories { get; }

    public int ItemCount => Items.Count;
    public int CustomerCount => CustomerIds.Count;

    /// <summary>
    /// The same catalog and customers (same indexes) with only the sales before <paramref name="splitDay"/>: the
    /// training side of a time-based split. Only the returns made before the split are netted (a return during the
    /// held-out days is the future: netted, it removed from the history an item bought before). The purchases are not
    /// copied (a view of this snapshot's), and a basket wholly before the day is this snapshot's own array: a training
    /// cuts its sales two or three times, and each copy was gigabytes at 100× the Online Retail data.
    /// </summary>
    public TrainingData Before(int splitDay) => new(this, splitDay);

    /// <summary>Every return of the window (the evaluation nets the held-out days' own against their purchases).</summary>
    internal IReadOnlyList<Return> Returns => _returns;

    public int? ItemOf(int productId) => _itemByProductId.TryGetValue(productId, out var i) ? i : null;
    public int? CustomerOf(int customerId) => _customerById.TryGetValue(customerId, out var c) ? c : null;

    public static float Decay(int ageDays, double halfLifeDays) => (float)Math.Pow(0.5, Math.Max(0, ageDays) / halfLifeDays);

    /// <summary>
    /// <see cref="Decay"/> for every age from 0 to <paramref name="maxAge"/> days: a window has a few hundred ages and
    /// millions of purchases, each of which took a <see cref="Math.Pow(double, double)"/> of its own.
    /// </summary>
    public static float[] DecayByAge(int maxAge, double halfLifeDays)
    {
        var table = new float[Math.Max(0, maxAge) + 1];
        for (var age = 0; age < table.Length; age++)
        {
            table[age] = Decay(age, halfLifeDays);
        }
        return table;
    }

    // Both builders sort instead of keeping a list or a dictionary per basket and per customer: a ten-store chain has
    // five million purchases, and a training builds this snapshot several times (all sales, the held-out split, the
    // hybrid's cut-offs); the collections and their LINQ took seconds of each build.
    /// <param name="whole">
    /// For a snapshot cut by date, the snapshot it reads: a basket whose every purchase is kept is the same as there, and
    /// shares its array.
    /// </param>
    private static int[][] BuildBaskets(IReadOnlyList<Purchase> purchases, TrainingData? whole)
    {
        var all = PurchasesBefore.Span(purchases, out var end);
        var count = 0;
        foreach (var p in all)
        {
            count = p.Day < end ? Math.Max(count, p.Basket + 1) : count;
        }
        var sizes = new int[count];
        var wholeSizes = whole is null ? null : new int[count];
        foreach (var p in all)
        {
            if (p.Day < end)
            {
                sizes[p.Basket]++;
            }
            if (wholeSizes is not null && p.Basket < count)
            {
                wholeSizes[p.Basket]++;
            }
        }
        var baskets = new int[count][];
        var shared = new bool[count];
        for (var b = 0; b < count; b++)
        {
            shared[b] = wholeSizes is not null && sizes[b] > 0 && sizes[b] == wholeSizes[b];
            baskets[b] = shared[b] ? whole!.Baskets[b] : sizes[b] == 0 ? [] : new int[sizes[b]];
            sizes[b] = 0;
        }
        foreach (var p in all)
        {
            if (p.Day < end && !shared[p.Basket])
            {
                baskets[p.Basket][sizes[p.Basket]++] = p.Item;
            }
        }
        for (var b = 0; b < count; b++)
        {
            if (shared[b])
            {
                continue;
            }
            var items = baskets[b];
            Array.Sort(items);
            var distinct = items.Length == 0 ? 0 : 1;
            for (var k = 1; k < items.Length; k++)
            {
                if (items[k] != items[distinct - 1])
                {
                    items[distinct++] = items[k];
                }
            }
            if (distinct < items.Length)
            {
                baskets[b] = items[..distinct];
            }
        }
        return baskets;
    }

    /// <param name="returnedBefore">Returns on this day or later are not netted (undated ones always are).</param>
    private static HistoryEntry[][] BuildHistories(IReadOnlyList<Purchase> purchases, int customers, int today, double halfLife,
        IReadOnlyList<Return> returns, int returnedBefore)
    {
        returns = returnedBefore == int.MaxValue ? returns : returns.Where(r => r.Day is not { } day || day < returnedBefore).ToList();
        var all = PurchasesBefore.Span(purchases, out var end);
        // The purchases' positions grouped by customer, in their own order within each customer.
        var (start, byCustomer) = PurchaseGroups.Of(all, end, customers, p => p.Customer);
        var returned = returns.ToLookup(r => (r.Customer, r.Item), r => r.Quantity);
        var decay = DecayByAge(366 * 3, halfLife);

        var histories = new HistoryEntry[customers][];
        var keys = new long[64];
        var entries = new List<HistoryEntry>();
        for (var c = 0; c < customers; c++)
        {
            var n = start[c + 1] - start[c];
            if (n == 0)
            {
                histories[c] = [];
                continue;
            }
            if (keys.Length < n)
            {
                keys = new long[Math.Max(n, keys.Length * 2)];
            }
            // By item, then by position: each item's purchases are summed in the order they were read, as before.
            for (var k = 0; k < n; k++)
            {
                var i = byCustomer[start[c] + k];
                keys[k] = ((long)all[i].Item << 32) | (uint)i;
            }
            Array.Sort(keys, 0, n);
            entries.Clear();
            for (var k = 0; k < n;)
            {
                var item = (int)(keys[k] >> 32);
                int baskets = 0, lastDay = 0;
                float quantity = 0, affinity = 0;
                for (; k < n && (int)(keys[k] >> 32) == item; k++)
                {
                    var p = all[(int)(uint)keys[k]];
                    baskets++;
                    quantity += p.Quantity;
                    lastDay = Math.Max(lastDay, p.Day);
                    var age = today - p.Day;
                    affinity += age >= 0 && age < decay.Length ? decay[age] : Decay(age, halfLife);
                }
                // A product returned in full is no evidence of liking it: it leaves the history.
                foreach (var back in returned[(c, item)])
                {
                    quantity -= back;
                }
                if (quantity > 0)
                {
                    entries.Add(new HistoryEntry(item, baskets, quantity, lastDay, affinity));
                }
            }
            histories[c] = [.. entries];
        }
        return histories;
    }
}
