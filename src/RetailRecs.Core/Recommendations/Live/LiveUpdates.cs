using Microsoft.Extensions.Options;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Live;

/// <summary>
/// Sales that reached the app (through the API) after the serving model was trained: each customer's new purchases
/// and the new baskets. The serving layer folds them in at once (a customer's history, "bought together" counts),
/// so suggestions move within seconds of a sale; the next training reads the same sales from the database and the
/// increments it learned (<see cref="LearnedSales"/>) stop counting. Open customer cards are told of changes.
/// Memory is bounded by <see cref="LiveUpdatesOptions.MaxBaskets"/>: past it the oldest basket waits for the next
/// training instead (measured: about 280 bytes a one-line basket, see the README's soak figures).
/// </summary>
public sealed class LiveUpdates(IOptions<LiveUpdatesOptions> options)
{
    private sealed class LiveBasket(int? customerId, int day, IReadOnlyDictionary<int, float> quantities)
    {
        public int? CustomerId { get; } = customerId;
        public int Day { get; } = day;
        public DateTime StoredAtUtc { get; } = DateTime.UtcNow;
        public IReadOnlyDictionary<int, float> Quantities { get; } = quantities;

        /// <summary>Dropped from the indexes; still in the arrival queue until it reaches the front.</summary>
        public bool Forgotten { get; set; }
    }

    private readonly int _maxBaskets = Math.Max(1, options.Value.MaxBaskets);
    private readonly Lock _gate = new();
    // What the serving model learned, as last forgotten: boxed, so the check on every suggestion needs no lock.
    private volatile System.Runtime.CompilerServices.StrongBox<LearnedSales>? _forgotten;
    // Oldest first. Forgetting marks a basket and leaves it here, so dropping the oldest at the cap costs O(1)
    // (a list's RemoveAt(0) moved every other basket on every sale once the cap was reached).
    private readonly Queue<LiveBasket> _arrivals = new();
    private int _pending;
    private readonly Dictionary<int, List<LiveBasket>> _byCustomer = [];
    private readonly Dictionary<int, List<LiveBasket>> _byProduct = [];

    /// <summary>Raised after a customer's sale or suggestion event is stored (on the caller's thread).</summary>
    public event Action<int>? CustomerChanged;

    public int PendingBaskets
    {
        get { lock (_gate) { return _pending; } }
    }

    public int PendingCustomers
    {
        get { lock (_gate) { return _byCustomer.Count; } }
    }

    /// <summary>A stored sale: product ids with the quantities kept (returns are left to the next training).</summary>
    public void AddSale(int? customerId, int day, IReadOnlyDictionary<int, float> quantities)
    {
        if (quantities.Count == 0)
        {
            return;
        }
        var basket = new LiveBasket(customerId, day, quantities);
        lock (_gate)
        {
            while (_pending >= _maxBaskets && _arrivals.TryDequeue(out var oldest))
            {
                Forget(oldest);
            }
            _arrivals.Enqueue(basket);
            _pending++;
            if (customerId is { } c)
            {
                (_byCustomer.TryGetValue(c, out var list) ? list : _byCustomer[c] = []).Add(basket);
            }
            foreach (var product in quantities.Keys)
            {
                (_byProduct.TryGetValue(product, out var list) ? list : _byProduct[product] = []).Add(basket);
            }
        }
        if (customerId is { } id)
        {
            Notify(id);
        }
    }

    public void Notify(int customerId) => CustomerChanged?.Invoke(customerId);

    private static bool New(LiveBasket b, LearnedSales learned) => !learned.Includes(b.Day, b.StoredAtUtc);

    /// <summary>The customer's history with their sales the model did not learn folded in (item indexes of <paramref name="itemOf"/>).</summary>
    public IReadOnlyList<HistoryEntry> WithHistory(int customerId, IReadOnlyList<HistoryEntry> history, LearnedSales learned, Func<int, int?> itemOf)
    {
        List<LiveBasket> baskets;
        lock (_gate)
        {
            if (!_byCustomer.TryGetValue(customerId, out var list))
            {
                return history;
            }
            baskets = list.Where(b => New(b, learned)).ToList();
        }
        return Merge(history, baskets.Select(b => (b.Day, b.Quantities)), itemOf);
    }

    /// <summary>A history with sales the model did not learn folded in, each basket a day and its products' quantities.</summary>
    internal static IReadOnlyList<HistoryEntry> Merge(IReadOnlyList<HistoryEntry> history, IEnumerable<(int Day, IReadOnlyDictionary<int, float> Quantities)> baskets,
        Func<int, int?> itemOf)
    {
        Dictionary<int, HistoryEntry>? merged = null;
        foreach (var basket in baskets)
        {
            merged ??= history.ToDictionary(h => h.Item);
            foreach (var (product, quantity) in basket.Quantities)
            {
                if (itemOf(product) is not { } item)
                {
                    continue; // a product newer than the model: it counts from the next training
                }
                // Not learned (bought after the model's last day, or stored after it read the sales): full, undecayed
                // affinity, as for a purchase on its last day.
                merged[item] = merged.TryGetValue(item, out var h)
                    ? h with { Baskets = h.Baskets + 1, Quantity = h.Quantity + quantity, LastDay = Math.Max(h.LastDay, basket.Day), Affinity = h.Affinity + 1 }
                    : new HistoryEntry(item, 1, quantity, basket.Day, 1);
            }
        }
        return merged is null ? history : merged.Values.OrderBy(h => h.Item).ToList();
    }

    /// <summary>For each product bought with <paramref name="productId"/> in baskets the model did not learn, in how many of those baskets; and how many baskets held it.</summary>
    public (int Baskets, Dictionary<int, int> Together) CoPurchases(int productId, LearnedSales learned)
    {
        var together = new Dictionary<int, int>();
        var count = 0;
        lock (_gate)
        {
            if (!_byProduct.TryGetValue(productId, out var list))
            {
                return (0, together);
            }
            foreach (var basket in list.Where(b => New(b, learned)))
            {
                count++;
                foreach (var other in basket.Quantities.Keys.Where(p => p != productId))
                {
                    together[other] = together.GetValueOrDefault(other) + 1;
                }
            }
        }
        return (count, together);
    }

    /// <summary>Baskets the model did not learn, per product (for the item-based counts of the other side of a pair).</summary>
    public int BasketsWith(int productId, LearnedSales learned)
    {
        lock (_gate)
        {
            return _byProduct.TryGetValue(productId, out var list) ? list.Count(b => New(b, learned)) : 0;
        }
    }

    /// <summary>Customers with sales the model did not learn, most recent first.</summary>
    public IReadOnlyList<int> CustomersAfter(LearnedSales learned)
    {
        lock (_gate)
        {
            return _byCustomer.Where(c => c.Value.Any(b => New(b, learned))).OrderByDescending(c => c.Value.Max(b => b.Day)).Select(c => c.Key).ToList();
        }
    }

    /// <summary>Drops every sale of an erased customer: their baskets no longer count for them or for "bought together".</summary>
    public void ForgetCustomer(int customerId)
    {
        lock (_gate)
        {
            if (_byCustomer.TryGetValue(customerId, out var list))
            {
                foreach (var basket in list.ToList())
                {
                    Forget(basket);
                }
                Compact();
            }
        }
    }

    /// <summary>Drops the sales of every customer who no longer exists (erased by another app instance); returns how many.</summary>
    public int ForgetVanishedCustomers(IReadOnlySet<int> existing)
    {
        List<int> vanished;
        lock (_gate)
        {
            vanished = _byCustomer.Keys.Where(id => !existing.Contains(id)).ToList();
        }
        foreach (var id in vanished)
        {
            ForgetCustomer(id);
        }
        return vanished.Count;
    }

    /// <summary>Drops what the serving model learned.</summary>
    public void ForgetLearned(LearnedSales learned)
    {
        if (_forgotten?.Value == learned)
        {
            return; // called on every suggestion: nothing to do until another model serves
        }
        lock (_gate)
        {
            _forgotten = new(learned);
            foreach (var basket in _arrivals.Where(b => !New(b, learned)).ToList())
            {
                Forget(basket);
            }
            Compact();
        }
    }

    private void Forget(LiveBasket basket)
    {
        if (basket.Forgotten)
        {
            return;
        }
        basket.Forgotten = true;
        _pending--;
        if (basket.CustomerId is { } c && _byCustomer.TryGetValue(c, out var list) && list.Remove(basket) && list.Count == 0)
        {
            _byCustomer.Remove(c);
        }
        foreach (var product in basket.Quantities.Keys)
        {
            if (_byProduct.TryGetValue(product, out var p) && p.Remove(basket) && p.Count == 0)
            {
                _byProduct.Remove(product);
            }
        }
    }

    /// <summary>Drops forgotten baskets from the queue once they are most of it, so it stays within twice the pending ones.</summary>
    private void Compact()
    {
        if (_arrivals.Count <= 2 * _pending + 64)
        {
            return;
        }
        var kept = _arrivals.Where(b => !b.Forgotten).ToList();
        _arrivals.Clear();
        foreach (var basket in kept)
        {
            _arrivals.Enqueue(basket);
        }
    }
}
