using System.Globalization;
using RetailRecs.Core.Analytics;

namespace RetailRecs.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard's view as its address holds it (so a view can be bookmarked or sent to a colleague), read leniently:
/// a missing date takes the default view's, dates the wrong way round are swapped, dates far outside any retail
/// history (typed by hand) are brought back into range. The default view's dates come from the data and are kept as
/// they are: a shop's history may start before any bound chosen here.
/// </summary>
public sealed record DashboardAddress(string? From, string? To, string? Country, string? By, int? Store, int? Segment)
{
    private static readonly DateOnly Earliest = new(1900, 1, 1), Latest = new(2100, 12, 31);

    /// <summary>True when both dates can be read, so no default view is needed.</summary>
    public bool HasBothDates => TryDate(From, out _) && TryDate(To, out _);

    /// <param name="fallback">The default view, whose dates stand in for missing ones (needed unless <see cref="HasBothDates"/>).</param>
    public DashboardFilter ToFilter(DashboardFilter? fallback)
    {
        var from = TryDate(From, out var f) ? Clamp(f) : fallback!.From;
        var to = TryDate(To, out var t) ? Clamp(t) : fallback!.To;
        return new DashboardFilter(from <= to ? from : to, from <= to ? to : from,
            string.IsNullOrWhiteSpace(Country) ? null : Country,
            Enum.TryParse<TrendGranularity>(By, true, out var by) ? by : TrendGranularity.Month)
        {
            StoreId = Store,
            SegmentId = Segment,
        };
    }

    /// <summary>The query string of a view chosen on the page (null values leave the parameter out).</summary>
    public static Dictionary<string, object?> Query(DateOnly from, DateOnly to, string? country, TrendGranularity by, int? store, int? segment) => new()
    {
        ["from"] = from.ToString("yyyy-MM-dd"), ["to"] = to.ToString("yyyy-MM-dd"),
        ["country"] = string.IsNullOrEmpty(country) ? null : country, ["by"] = by.ToString().ToLowerInvariant(),
        ["store"] = store, ["segment"] = segment,
    };

    public static bool TryDate(string? text, out DateOnly date) => DateOnly.TryParse(text, CultureInfo.InvariantCulture, out date);

    private static DateOnly Clamp(DateOnly d) => d < Earliest ? Earliest : d > Latest ? Latest : d;
}
