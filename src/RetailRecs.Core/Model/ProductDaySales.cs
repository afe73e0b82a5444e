namespace RetailRecs.Core.Model;

/// <summary>
/// One product's sales (not returns) on one day, in one store: the dashboard reads the days of a period's partial first
/// and last months from these (a chain's half month is millions of lines), and the monthly rows
/// (<see cref="ProductMonthSales"/>) are summed from them. Derived data, rebuilt with the month's other rollups.
/// </summary>
public class ProductDaySales
{
    public DateOnly Day { get; set; }
    /// <summary>The store's id, 0 for sales without a store (part of the key, so it cannot be null).</summary>
    public int StoreKey { get; set; }
    public int ProductId { get; set; }
    /// <summary>Sum of quantity × price over the lines with a price.</summary>
    public double Revenue { get; set; }
    /// <summary>Sum of the lines' quantities.</summary>
    public long Units { get; set; }
    /// <summary>How many of the lines have a price: none means money is unknown, not zero.</summary>
    public int PricedLines { get; set; }
}
