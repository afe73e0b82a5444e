namespace RetailRecs.Core.Analytics;

public enum TrendGranularity { Day, Week, Month }

/// <summary>
/// What a dashboard view shows: a date range (inclusive days), optionally one country, one store and one customer
/// segment (of the current segmentation). Kept in the page's URL.
/// </summary>
public sealed record DashboardFilter(DateOnly From, DateOnly To, string? Country = null, TrendGranularity Granularity = TrendGranularity.Month)
{
    public int? StoreId { get; init; }
    public int? SegmentId { get; init; }

    /// <summary>True when only some customers' sales are shown (guest sales have neither country nor segment).</summary>
    public bool ByCustomer => Country is not null || SegmentId is not null;

    /// <summary>A suggestion counts as bought when the customer buys that product within this many days of seeing it.</summary>
    public int AttributionDays { get; init; } = 14;

    public DateTime Start => From.ToDateTime(TimeOnly.MinValue);
    /// <summary>Exclusive end: the day after <see cref="To"/>.</summary>
    public DateTime End => To.AddDays(1).ToDateTime(TimeOnly.MinValue);
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The period of the same length just before this one, for "change against the previous period".</summary>
    public DashboardFilter Previous() => this with { From = From.AddDays(-Days), To = From.AddDays(-1) };
}
