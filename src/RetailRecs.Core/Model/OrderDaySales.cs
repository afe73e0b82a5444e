namespace RetailRecs.Core.Model;

/// <summary>
/// One day's orders in one store, sales and cancellations apart: the dashboard's trend, order counts, returns, stores
/// and basket sizes read a year as a few thousand of these instead of every order. Derived data: rebuilt from the
/// orders (Analytics.Rollups.SalesRollup) for every month marked dirty.
/// </summary>
public class OrderDaySales
{
    public DateOnly Day { get; set; }
    /// <summary>The store's id, 0 for orders without a store (part of the key, so it cannot be null).</summary>
    public int StoreKey { get; set; }
    public bool IsCancellation { get; set; }
    public int Orders { get; set; }
    /// <summary>Sum of the orders' revenue (negative for cancellations).</summary>
    public decimal Revenue { get; set; }
    /// <summary>Sum of the orders' items (negative for cancellations).</summary>
    public long Items { get; set; }
    /// <summary>
    /// Orders by how many lines they have, in the dashboard's basket-size buckets (Analytics.Rollups.BasketSizes): a
    /// distribution cannot be summed from totals.
    /// </summary>
    public int Lines1 { get; set; }
    public int Lines2To5 { get; set; }
    public int Lines6To10 { get; set; }
    public int Lines11To20 { get; set; }
    public int Lines21To50 { get; set; }
    public int Lines51Up { get; set; }
}
