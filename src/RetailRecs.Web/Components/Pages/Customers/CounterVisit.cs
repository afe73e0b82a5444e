namespace RetailRecs.Web.Components.Pages.Customers;

/// <summary>
/// The customer at the counter now: what is in their basket and how they answered the suggestions ("accepted", "in
/// the basket"). It belongs to the visit, not to a page: it survives "Show to customer" and back, and a reload,
/// until the associate ends the visit or opens another customer.
/// </summary>
/// <param name="Marks">Answers recorded per product id, as the suggestion list shows them.</param>
/// <param name="VisitId">
/// A random name for this visit (128 bits), which binds the screen turned to the customer to it (<see cref="CounterVisits"/>):
/// knowing a customer's number is not enough to show their basket. Empty in a visit stored before it existed.
/// </param>
public sealed record CounterVisit(int CustomerId, IReadOnlyList<BasketItem> Items, IReadOnlyDictionary<int, string> Marks, string VisitId = "")
{
    public static CounterVisit Start(int customerId) => new(customerId, [], new Dictionary<int, string>(), NewId());

    public static string NewId() => Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public bool Holds(int productId) => Items.Any(i => i.ProductId == productId);

    public CounterVisit With(BasketItem item) =>
        Items.Any(i => i.ProductId == item.ProductId) ? this : this with { Items = [.. Items, item] };

    public CounterVisit Without(BasketItem item) => this with { Items = Items.Where(i => i.ProductId != item.ProductId).ToList() };

    public CounterVisit Marked(int productId, string answer) =>
        this with { Marks = new Dictionary<int, string>(Marks) { [productId] = answer } };

    /// <summary>This visit with what <paramref name="later"/> added meanwhile (a scan made while the stored visit was being read).</summary>
    public CounterVisit Merge(CounterVisit later)
    {
        var merged = later.Items.Aggregate(this, (visit, item) => visit.With(item));
        return later.Marks.Aggregate(merged, (visit, mark) => visit.Marked(mark.Key, mark.Value));
    }
}
