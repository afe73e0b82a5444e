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
    /// <summary>
    /// The customer was erased (their right to erasure): the sale is kept, unlinked, for the shop's figures only.
    /// Unlike a guest sale it is never used to train a model, which must hold nothing of the erased customer.
    /// </summary>
    public bool IsAnonymised { get; set; }
    public int? ImportBatchId { get; set; }
    public List<OrderLine> Lines { get; set; } = [];

    // Totals of the lines, kept on the order so dashboards aggregate 25 thousand orders rather than half a million
    // lines. Whoever adds lines calls RefreshTotals (or, for bulk writes, computes the same figures in SQL).

    /// <summary>The day of <see cref="PlacedAt"/>: grouping by it is far cheaper than by date parts of a timestamp.</summary>
    public DateOnly PlacedOn { get; set; }
    /// <summary>Sum of quantity × price over the lines with a price (negative for a cancellation).</summary>
    public decimal Revenue { get; set; }
    /// <summary>Sum of the lines' quantities.</summary>
    public int Items { get; set; }
    public int LineCount { get; set; }

    public void RefreshTotals()
    {
        PlacedOn = DateOnly.FromDateTime(PlacedAt);
        (Revenue, Items, LineCount) = TotalsOf(Lines.Select(l => (l.Quantity, l.UnitPrice)));
    }

    /// <summary>
    /// The one rule for an order's totals, for whoever writes orders: a line without a price adds its items but no
    /// revenue. The bulk import recomputes the same sums in SQL for orders whose lines change after they were written.
    /// </summary>
    public static (decimal Revenue, int Items, int LineCount) TotalsOf(IEnumerable<(int Quantity, decimal? UnitPrice)> lines)
    {
        decimal revenue = 0;
        int items = 0, count = 0;
        foreach (var (quantity, price) in lines)
        {
            revenue += quantity * (price ?? 0m);
            items += quantity;
            count++;
        }
        return (revenue, items, count);
    }
}
