namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// What a commit added, how many stored lines it completed (a price or quantity an earlier export lacked) and how many
/// lines were already stored (a re-imported overlap changes nothing).
/// </summary>
public sealed record WriteCounts(int ProductsAdded, int CustomersAdded, int OrdersAdded, int LinesAdded, int LinesAlreadyStored,
    int LinesCompleted = 0, int PricesFilled = 0, int QuantitiesFilled = 0)
{
    /// <summary>The months of the file's sales (stored now or before): their sales rollups are recomputed.</summary>
    public IReadOnlyCollection<DateOnly> Months { get; init; } = [];

    /// <summary>Lines left out because their invoice number is another customer's stored sale.</summary>
    public ReusedInvoices ReusedInvoices { get; init; } = new();

    /// <summary>Two writes are equal when they did the same; the months compare as sets (a record compares references).</summary>
    public bool Equals(WriteCounts? other) => other is not null
        && (ProductsAdded, CustomersAdded, OrdersAdded, LinesAdded, LinesAlreadyStored, LinesCompleted, PricesFilled, QuantitiesFilled)
            == (other.ProductsAdded, other.CustomersAdded, other.OrdersAdded, other.LinesAdded, other.LinesAlreadyStored, other.LinesCompleted,
                other.PricesFilled, other.QuantitiesFilled)
        && Months.Count == other.Months.Count && Months.All(other.Months.Contains);

    public override int GetHashCode() => HashCode.Combine(ProductsAdded, CustomersAdded, OrdersAdded, LinesAdded, LinesAlreadyStored, LinesCompleted);

    /// <summary>"12 lines completed with prices" (or quantities, or both); empty when none was.</summary>
    public string CompletedText => LinesCompleted == 0 ? ""
        : $"{LinesCompleted:N0} line{(LinesCompleted == 1 ? "" : "s")} completed with " + (PricesFilled, QuantitiesFilled) switch
        {
            (> 0, 0) => "prices",
            (0, > 0) => "quantities",
            _ => "prices and quantities",
        };
}
