namespace RetailRecs.Core.Model;

/// <summary>One line of an invoice: a product, how many (negative for a return) and the price paid per unit.</summary>
public class OrderLine
{
    public long Id { get; set; }
    public int OrderId { get; set; }
    public Order? Order { get; set; }
    /// <summary>Position of the line in its invoice, part of the natural key (invoice, line) that makes re-imports idempotent.</summary>
    public int LineNumber { get; set; }
    public int ProductId { get; set; }
    public Product? Product { get; set; }
    public int Quantity { get; set; }
    /// <summary>
    /// True when the source had no quantity (the line counts as one unit): a later export of the same sale with a
    /// quantity completes the line rather than adding it again.
    /// </summary>
    public bool QuantityUnknown { get; set; }
    /// <summary>Null when the source had no price: revenue is then unknown, not zero.</summary>
    public decimal? UnitPrice { get; set; }
}
