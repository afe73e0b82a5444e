using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// Tiny catalogs and purchase histories written out by hand, so each test can state the right answer.
/// Baskets are listed as (customer, day, skus...); customer -1 is a guest.
/// </summary>
internal sealed class HandMadeData
{
    public const int Today = 740_000; // a day number; only differences matter

    private readonly List<CatalogItem> _items = [];
    private readonly List<Purchase> _purchases = [];
    private readonly List<Return> _returns = [];
    private int _customers;

    public HandMadeData Item(string sku, string name, string? category = null, bool recommendable = true)
    {
        _items.Add(new CatalogItem(_items.Count + 100, sku, name, null, category, null, 2.5f, recommendable, Today - 400));
        return this;
    }

    public HandMadeData Basket(int customer, int daysAgo, params string[] skus)
    {
        var basket = _purchases.Count == 0 ? 0 : _purchases.Max(p => p.Basket) + 1;
        _customers = Math.Max(_customers, customer + 1);
        foreach (var sku in skus)
        {
            _purchases.Add(new Purchase(customer, Index(sku), basket, Today - daysAgo, 1));
        }
        return this;
    }

    public HandMadeData Returned(int customer, string sku, float quantity, int? daysAgo = null)
    {
        _returns.Add(new Return(customer, Index(sku), quantity, Today - daysAgo));
        return this;
    }

    public int Index(string sku) => _items.FindIndex(i => i.Sku == sku) is var i and >= 0 ? i : throw new ArgumentException(sku);

    /// <summary>Customer index c has database id 1000 + c.</summary>
    public TrainingData Build() => new(_items, Enumerable.Range(0, _customers).Select(c => 1000 + c).ToList(), _purchases,
        _purchases.Count == 0 ? Today : _purchases.Min(p => p.Day), Today, _returns);
}
