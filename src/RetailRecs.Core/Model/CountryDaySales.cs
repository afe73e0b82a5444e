namespace RetailRecs.Core.Model;

/// <summary>
/// Sales (not returns) by the buyer's country on one day, in one store: the dashboard's country chart reads these
/// instead of every customer's months joined with the customers. The country is the customer's as of the refresh: a
/// change marks <see cref="RollupLabel.CustomerCountry"/> (<see cref="RollupLabelChange"/>), and until the rows are
/// rebuilt the dashboard reads the customer rollups instead. Derived data, rebuilt with the month's other rollups.
/// </summary>
public class CountryDaySales
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The store's id, 0 for sales without a store.</summary>
    public int StoreKey { get; set; }
    /// <summary>False for sales without a customer (guests, erased customers).</summary>
    public bool Member { get; set; }
    /// <summary>The customer's country; null for guests and for members whose record has none.</summary>
    public string? Country { get; set; }
    public int Orders { get; set; }
    public decimal Revenue { get; set; }
    public long Items { get; set; }
}
