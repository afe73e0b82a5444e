namespace RetailRecs.Core.Model;

/// <summary>
/// One category's sales (not returns) on one day, in one store: the dashboard's top categories and whether the period
/// has any price read a year as a few thousand of these instead of every product's months (a chain's catalog is
/// hundreds of thousands of products). The category is the product's own, else its automatic one, as of the refresh:
/// a change of category marks <see cref="RollupLabel.ProductCategory"/> (<see cref="RollupLabelChange"/>), and until
/// the rows are rebuilt the dashboard reads the product rollups instead. Derived data, rebuilt with the month's other rollups.
/// </summary>
public class CategoryDaySales
{
    public long Id { get; set; }
    public DateOnly Day { get; set; }
    /// <summary>The store's id, 0 for sales without a store.</summary>
    public int StoreKey { get; set; }
    /// <summary>The product's category, else its automatic one; null when it has neither.</summary>
    public string? Category { get; set; }
    /// <summary>Postage, fees and the like: counted for "is any price known", never shown as a category.</summary>
    public bool IsNonMerchandise { get; set; }
    /// <summary>Sum of quantity × price over the lines with a price.</summary>
    public double Revenue { get; set; }
    public long Units { get; set; }
    /// <summary>How many of the lines have a price: none means money is unknown, not zero.</summary>
    public int PricedLines { get; set; }
}
