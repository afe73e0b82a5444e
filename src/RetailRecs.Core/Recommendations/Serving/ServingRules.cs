using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// The business rules between a model's ranking and what anyone sees, shared by serving and offline evaluation so
/// measured figures describe the lists staff get: only recommendable products (active, merchandise), nothing
/// excluded (already bought in discovery mode, dismissed, already in the basket), popularity filling a short list,
/// a reason worth saying for each (<see cref="ReasonRules"/>: at most a few popular picks), then the diversity caps.
/// </summary>
public static class ServingRules
{
    /// <param name="fallback">Appended after the model's own candidates so a list is never short or empty.</param>
    /// <param name="isLive">Current state of a product (deactivated since training?): checked last, on the few survivors.</param>
    /// <param name="reasons">The reason each candidate is suggested on, and the order that gives (none: the model's evidence as it is).</param>
    public static List<Candidate> Select(IReadOnlyList<CatalogItem> items, IEnumerable<Candidate> ranked, IEnumerable<Candidate> fallback,
        int count, ISet<int> excluded, DiversityRules diversity, Func<int, bool>? isLive = null, ReasonRules? reasons = null)
    {
        var seen = new HashSet<int>();
        var eligible = ranked.Concat(fallback)
            .Where(c => c.Item >= 0 && c.Item < items.Count && items[c.Item].Recommendable && !excluded.Contains(c.Item) && seen.Add(c.Item))
            .Where(c => isLive is null || isLive(c.Item));
        return diversity.Apply(reasons?.Order(eligible) ?? eligible, count, c => items[c.Item].Category, c => items[c.Item].Name);
    }

    /// <summary>
    /// A ranker's list of <paramref name="count"/> for one customer history, built as the counter builds it but
    /// without the database (evaluation, experiment simulation, the increments-vs-retrained comparison): nothing to
    /// rank on gives best sellers; the rules and the diversity caps apply.
    /// </summary>
    /// <param name="sayReasons">
    /// Each item needs a reason worth saying and popular picks are few (<see cref="ReasonRules"/>), as at the counter;
    /// false for the evaluation's baselines, which stay what they are named (best sellers, the customer's own most-bought).
    /// </param>
    /// <param name="reasons">This customer's reasons already worked out for another list of the same snapshot
    /// (<see cref="ModelBundle.SharesSnapshotWith"/>), or null.</param>
    /// <param name="isLive">Whether a product could be suggested then (the evaluation: sold before its split day), or null.</param>
    public static List<Candidate> ListFor(ModelBundle bundle, IRecommender ranker, IReadOnlyList<HistoryEntry> history, int customerIndex,
        bool newItemsOnly, ISet<int> excluded, int count, DiversityMode diversity = DiversityMode.Adaptive, bool sayReasons = true,
        ReasonRules? reasons = null, Func<int, bool>? isLive = null)
    {
        var query = new RecommendationQuery(history, [], bundle.LastDay, customerIndex, newItemsOnly);
        var ranked = query.IsEmpty ? [] : ranker.Recommend(query, count * 6);
        return Select(bundle.Items, ranked, bundle.Popularity.Ranked, count, excluded, DiversityRules.For(bundle.Items, count, diversity), isLive,
            reasons: sayReasons ? reasons ?? ReasonRules.ForCustomer(bundle, history, [], count) : null);
    }
}
