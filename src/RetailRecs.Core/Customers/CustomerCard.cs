namespace RetailRecs.Core.Customers;

/// <summary>Everything the customer card shows about one customer.</summary>
public sealed record CustomerCard(
    int Id,
    string Name,
    string CustomerCode,
    string? Email,
    string? Phone,
    string? LoyaltyNumber,
    string? Country,
    DateOnly? JoinedOn,
    bool PersonalizationOptOut,
    bool HasFictionalProfile,
    int Orders,
    decimal LifetimeValue,
    DateTime? FirstVisit,
    DateTime? LastVisit,
    int? DaysSinceLastVisit,
    IReadOnlyList<CustomerCard.FavouriteProduct> Favourites,
    IReadOnlyList<CustomerCard.RecentOrder> RecentOrders)
{
    /// <summary>The customer's segment and RFM scores in the current segmentation; null when not segmented yet.</summary>
    public Segmentation.SegmentQueries.CustomerSegmentInfo? Segment { get; init; }

    /// <summary>The day <see cref="DaysSinceLastVisit"/> counts to, and whether it is the data's last day rather than the real date.</summary>
    public Clock.ShopDay? Today { get; init; }

    /// <summary>
    /// False when none of the customer's lines has a price (an export without prices): <see cref="LifetimeValue"/> is
    /// then unknown, not zero, and the card counts <see cref="Units"/> instead.
    /// </summary>
    public bool ValueKnown { get; init; } = true;

    /// <summary>
    /// True when some of the customer's lines have a price and some not (a history imported without prices, then sales
    /// from tills that send them): <see cref="LifetimeValue"/> counts the priced ones only, and says so.
    /// </summary>
    public bool SomeValuesUnknown { get; init; }

    /// <summary>Units bought (returns not netted).</summary>
    public int Units { get; init; }

    /// <summary>The customer's choice about personalised suggestions: agreed or objecting, since when, recorded where.</summary>
    public Privacy.ConsentStatus? Consent { get; init; }

    /// <summary>The categories the customer spends most on, most first.</summary>
    public IReadOnlyList<string> FavouriteCategories { get; init; } = [];

    /// <param name="Orders">How many times the customer bought it (order lines).</param>
    public sealed record FavouriteProduct(string Sku, string Name, int Units, int Orders);

    /// <param name="ValueKnown">False when none of the order's lines has a price: its value is unknown, not zero.</param>
    public sealed record RecentOrder(string InvoiceNumber, DateTime PlacedAt, bool IsCancellation, int Lines, int Items, decimal Value, IReadOnlyList<string> TopProducts,
        bool ValueKnown = true);
}
