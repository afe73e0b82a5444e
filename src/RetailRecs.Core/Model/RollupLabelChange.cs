namespace RetailRecs.Core.Model;

/// <summary>What a label rollup groups sales by: an attribute that can change after the sales were rolled up.</summary>
public enum RollupLabel
{
    /// <summary>A product's category, automatic category or non-merchandise flag (<see cref="CategoryDaySales"/>).</summary>
    ProductCategory = 1,
    /// <summary>A customer's country (<see cref="CountryDaySales"/>).</summary>
    CustomerCountry = 2,
}

/// <summary>
/// A change to the attribute a label rollup groups by, written in the same transaction as the change (by the context
/// for tracked products and customers, by bulk writers themselves). While one is unseen the dashboard reads that chart
/// from the finer rollups; a refresh rebuilds the label's rows from them and removes the marks it has seen.
/// </summary>
public class RollupLabelChange
{
    public long Id { get; set; }
    public RollupLabel Label { get; set; }
}
