namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// The thresholds below which a reason is true but not worth saying to a customer, and so not given: an item is then
/// not suggested on that ground (the serving rules look for a better one, or count it as a popular pick, or leave it
/// out). Measured on the demo slice with <c>retailrecs suggest --reasons</c> (README, "Reasons worth saying").
/// </summary>
public static class WorthSaying
{
    /// <summary>
    /// "Often bought with X" needs X's baskets to hold the item at least this often: one basket in ten. Below it
    /// "often" is false to the ear ("in 2% of its baskets" was said at the counter).
    /// </summary>
    public const float MinTogetherShare = 0.10f;

    /// <summary>…and in at least this many baskets: a share of one or two baskets is chance, not a habit.</summary>
    public const int MinTogetherBaskets = 3;

    /// <summary>
    /// "Shoppers with similar baskets often choose it" needs at least one in five of the nearest customers to have
    /// bought it; fewer is what a popular product scores among any 50 customers.
    /// </summary>
    public const float MinNeighbourShare = 0.20f;

    /// <summary>…and at least this many of them (a customer with few neighbours has small fractions that mean little).</summary>
    public const int MinNeighbours = 3;

    /// <summary>"They buy it regularly" needs at least two purchases: one is a purchase, not a habit.</summary>
    public const int MinRegularPurchases = 2;

    /// <summary>
    /// A popular pick quotes how many shoppers bought it; below this many it is not popular in any sense a customer
    /// would recognise.
    /// </summary>
    public const int MinPopularBuyers = 5;

    /// <summary>
    /// At most this share of a list are popular picks (3 of 10): a list of best sellers is what any customer gets, and
    /// the counter had 6 of 10 lines saying "Trending".
    /// </summary>
    public const double MaxPopularPickShare = 0.3;

    /// <summary>Popular picks allowed in a list of <paramref name="count"/>: at least one.</summary>
    public static int MaxPopularPicks(int count) => Math.Max(1, (int)Math.Floor(count * MaxPopularPickShare));

    /// <summary>True when the reason <paramref name="c"/> carries is worth saying for item <paramref name="c"/>.Item.</summary>
    public static bool Holds(Candidate c, IReadOnlyList<CatalogItem> items)
    {
        var e = c.Evidence;
        return e.Kind switch
        {
            EvidenceKind.BoughtTogether => HasAnchor(e, items) && e.Share >= MinTogetherShare && e.Count >= MinTogetherBaskets,
            EvidenceKind.SimilarItem => HasAnchor(e, items) && c.Item >= 0 && c.Item < items.Count
                && SimilarNames.PersonWouldAgree(items[c.Item], items[e.Anchor]),
            EvidenceKind.SimilarCustomers => e.Share >= MinNeighbourShare && e.Count >= MinNeighbours,
            EvidenceKind.BuysRegularly => e.Count >= MinRegularPurchases,
            EvidenceKind.Trending or EvidenceKind.BestSeller or EvidenceKind.PopularInSegment => e.Count >= MinPopularBuyers,
            _ => true,
        };
    }

    /// <summary>Reasons that say nothing about this customer: popular picks, which a list holds only a few of.</summary>
    public static bool IsPopularPick(EvidenceKind kind) =>
        kind is EvidenceKind.Trending or EvidenceKind.BestSeller or EvidenceKind.PopularInSegment;

    private static bool HasAnchor(Evidence e, IReadOnlyList<CatalogItem> items) => e.Anchor >= 0 && e.Anchor < items.Count;
}
