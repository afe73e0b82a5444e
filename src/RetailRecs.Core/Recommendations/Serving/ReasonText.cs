using System.Globalization;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Turns a model's evidence into a short sentence an associate can say to the customer. Every figure quoted comes
/// from the evidence the model used; nothing is invented.
/// </summary>
public static class ReasonText
{
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    /// <param name="countedTo">
    /// The day the model's recent counts end, when that is not the shop's today (a model trained a while ago): the
    /// reason then says "in the 30 days to 9 November 2011" rather than "in the last 30 days".
    /// </param>
    /// <param name="currentNames">
    /// Products' names as the catalog has them now, by product id: a product renamed since the training is quoted by its
    /// new name (before 2026-12-06 by the one the model learned, which staff could no longer find on the shelf).
    /// </param>
    public static string For(Evidence e, IReadOnlyList<CatalogItem> items, DateOnly? countedTo = null, IReadOnlyDictionary<int, string>? currentNames = null)
    {
        var anchor = e.Anchor >= 0 && e.Anchor < items.Count
            ? Name(currentNames is not null && currentNames.TryGetValue(items[e.Anchor].ProductId, out var now) ? now : items[e.Anchor].Name)
            : null;
        return e.Kind switch
        {
            EvidenceKind.BoughtTogether when anchor is not null =>
                $"Often bought with {anchor} (in {Percent(e.Share)} of its baskets)",
            EvidenceKind.SimilarItem when anchor is not null && e.Day > 0 =>
                $"Similar to {anchor}, bought in {Month(e.Day)}",
            EvidenceKind.SimilarItem when anchor is not null =>
                $"Similar to {anchor}",
            // Said in plain words: the shoppers whose purchases are nearest theirs, and how many of them chose it.
            EvidenceKind.SimilarCustomers =>
                $"Shoppers who buy what they buy often choose it ({e.Count} of {Neighbours(e)})",
            // Popular picks say nothing about the customer, and say so: "Popular pick" first.
            EvidenceKind.BestSeller => $"{PopularPick}: one of our best sellers ({Plural(e.Count, "shopper")})",
            EvidenceKind.Trending => $"{PopularPick}: {Plural(e.Count, "shopper")} bought it in the {RecentWindow(countedTo)}",
            EvidenceKind.PopularInSegment => $"{PopularPick} with shoppers like them: {Plural(e.Count, "shopper")} in their group bought it",
            EvidenceKind.BuysRegularly => $"They buy it regularly: {Plural(e.Count, "time")}, last in {Month(e.Day)}",
            EvidenceKind.LearnedTaste when anchor is not null => $"Matches their taste for {anchor}",
            EvidenceKind.LearnedTaste => "Matches what they usually buy",
            EvidenceKind.NewArrival => "New in the catalog",
            _ => "Suggested for them",
        };
    }

    /// <summary>How a reason that says nothing about the customer begins (<see cref="WorthSaying.IsPopularPick"/>).</summary>
    public const string PopularPick = "Popular pick";

    /// <summary>"bought 3 times, last in March 2011" for a product the customer bought before.</summary>
    public static string BoughtBefore(HistoryEntry h) => $"they bought it {Plural(h.Baskets, "time")}, last in {Month(h.LastDay)}";

    private static int Neighbours(Evidence e) => e.Share > 0 ? Math.Max(e.Count, (int)Math.Round(e.Count / e.Share)) : e.Count;

    /// <summary>A product's name as every page shows it (<see cref="Model.ProductName.Display"/>).</summary>
    public static string Name(string name) => Model.ProductName.Display(name);

    private static string RecentWindow(DateOnly? countedTo) => countedTo is { } day
        ? $"{Algorithms.PopularityModel.RecentDays} days to {day.ToString("d MMMM yyyy", English)}"
        : $"last {Algorithms.PopularityModel.RecentDays} days";

    private static string Percent(float share) => share.ToString("P0", English).Replace(" ", "");
    private static string Month(int day) => DateOnly.FromDayNumber(day).ToString("MMMM yyyy", English);
    private static string Plural(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString("N0", English)} {noun}s";
}
