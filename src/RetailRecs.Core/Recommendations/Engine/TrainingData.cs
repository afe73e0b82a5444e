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
        Baskets = BuildBaskets(purchases);
        Histories = BuildHistories(purchases, customerIds.Count, lastDay, halfLifeDays, _returns);
    }

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
    /// training side of a time-based split. Returns carry no date, so they are netted against what was bought before
    /// the split: a small look-ahead that can only remove items from a history, never add any.
    /// </summary>
    public TrainingData Before(int splitDay)
    {
        var kept = Purchases.Where(p => p.Day < splitDay).ToList();
        var first = kept.Count == 0 ? splitDay - 1 : kept.Min(p => p.Day);
        return new TrainingData(Items, CustomerIds, kept, first, splitDay - 1, _returns, HalfLifeDays);
    }

    public int? ItemOf(int productId) => _itemByProductId.TryGetValue(productId, out var i) ? i : null;
    public int? CustomerOf(int customerId) => _customerById.TryGetValue(customerId, out var c) ? c : null;

    public static float Decay(int ageDays, double halfLifeDays) => (float)Math.Pow(0.5, Math.Max(0, ageDays) / halfLifeDays);

    private static int[][] BuildBaskets(IReadOnlyList<Purchase> purchases)
    {
        var count = purchases.Count == 0 ? 0 : purchases.Max(p => p.Basket) + 1;
        var lists = new List<int>?[count];
        foreach (var p in purchases)
        {
            (lists[p.Basket] ??= []).Add(p.Item);
        }
        return lists.Select(l => l is null ? [] : l.Distinct().Order().ToArray()).ToArray();
    }

    private static HistoryEntry[][] BuildHistories(IReadOnlyList<Purchase> purchases, int customers, int today, double halfLife,
        IReadOnlyList<Return> returns)
    {
        var perCustomer = new Dictionary<int, (int Baskets, float Quantity, int LastDay, float Affinity)>[customers];
        foreach (var p in purchases)
        {
            if (p.Customer < 0)
            {
                continue;
            }
            var map = perCustomer[p.Customer] ??= [];
            map.TryGetValue(p.Item, out var e);
            map[p.Item] = (e.Baskets + 1, e.Quantity + p.Quantity, Math.Max(e.LastDay, p.Day), e.Affinity + Decay(today - p.Day, halfLife));
        }
        // A product returned in full is no evidence of liking it: it leaves the history.
        foreach (var r in returns)
        {
            var map = perCustomer[r.Customer];
            if (map is not null && map.TryGetValue(r.Item, out var e))
            {
                map[r.Item] = e with { Quantity = e.Quantity - r.Quantity };
            }
        }
        return perCustomer.Select(map => map is null
                ? []
                : map.Where(kv => kv.Value.Quantity > 0)
                    .Select(kv => new HistoryEntry(kv.Key, kv.Value.Baskets, kv.Value.Quantity, kv.Value.LastDay, kv.Value.Affinity))
                    .OrderBy(h => h.Item)
                    .ToArray())
            .ToArray();
    }
}
