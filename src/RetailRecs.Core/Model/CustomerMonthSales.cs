namespace RetailRecs.Core.Model;

/// <summary>
/// One customer's sales (not returns) in one calendar month, in one store; customer key 0 holds the month's sales
/// without a customer (guests and erased customers). The dashboard's customer count, countries, new versus returning
/// customers and cohorts read these instead of every order. Derived data, rebuilt with <see cref="OrderDaySales"/>;
/// an erasure marks the customer's months, so the refresh moves their sales to key 0.
/// </summary>
public class CustomerMonthSales
{
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    public int StoreKey { get; set; }
    /// <summary>The customer's id, 0 for sales without a customer.</summary>
    public int CustomerKey { get; set; }
    public int Orders { get; set; }
    public decimal Revenue { get; set; }
    public long Items { get; set; }
}
