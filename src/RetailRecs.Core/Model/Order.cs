namespace RetailRecs.Core.Model;

/// <summary>One invoice. A cancellation (a "C" invoice) is stored as an order with <see cref="IsCancellation"/> and negative quantities.</summary>
public class Order
{
    public int Id { get; set; }
    public string InvoiceNumber { get; set; } = "";
    /// <summary>Null for an anonymous (guest) sale: counted for product statistics, never used for personalisation.</summary>
    public int? CustomerId { get; set; }
    public Customer? Customer { get; set; }
    public int? StoreId { get; set; }
    public Store? Store { get; set; }
    /// <summary>When the sale happened, in the store's local time as the source recorded it.</summary>
    public DateTime PlacedAt { get; set; }
    public bool IsCancellation { get; set; }
    public int? ImportBatchId { get; set; }
    public List<OrderLine> Lines { get; set; } = [];
}
