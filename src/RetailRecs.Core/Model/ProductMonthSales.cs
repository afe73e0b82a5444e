namespace RetailRecs.Core.Model;

/// <summary>
/// One product's sales (not returns) in one calendar month, in one store: the dashboard's top products and categories
/// read a year as twelve months of these instead of every line (a chain's year is tens of millions of lines).
/// Derived data: rebuilt from the lines (Analytics.Rollups.SalesRollup) for every month marked dirty.
/// </summary>
public class ProductMonthSales
{
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
    /// <summary>The store's id, 0 for sales without a store (part of the key, so it cannot be null).</summary>
    public int StoreKey { get; set; }
    public int ProductId { get; set; }
    /// <summary>Sum of quantity × price over the lines with a price.</summary>
    public double Revenue { get; set; }
    /// <summary>Sum of the lines' quantities.</summary>
    public long Units { get; set; }
    /// <summary>How many of the lines have a price: none means money is unknown, not zero.</summary>
    public int PricedLines { get; set; }
    /// <summary>
    /// Sum over the month's days of the day's revenue where it is above zero: at least the revenue of any run of the
    /// month's days, so the top products of a period that starts or ends inside the month can be found by reading each
    /// month's products in this order and stopping early (<see cref="Analytics.Rollups.TopProducts"/>).
    /// </summary>
    public double PositiveDayRevenue { get; set; }
}
