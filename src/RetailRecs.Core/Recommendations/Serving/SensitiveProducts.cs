namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// The rule for products marked sensitive (health, pregnancy, adult, ...): never suggested from other people's
/// behaviour (bought together, similar, trending, best sellers, collaborative lists), so they reach a customer's list
/// only when that customer bought them. Applied once, where every served list is finished (RecommendationService),
/// so the associate's view and the show-to-customer view, which is the same list, agree.
/// </summary>
public static class SensitiveProducts
{
    /// <param name="boughtByCustomer">The products the customer the list is for bought; empty for lists that are for no one in particular.</param>
    public static bool MayShow(bool isSensitive, int productId, IReadOnlySet<int> boughtByCustomer) =>
        !isSensitive || boughtByCustomer.Contains(productId);

    public static readonly IReadOnlySet<int> NoOne = new HashSet<int>();
}
