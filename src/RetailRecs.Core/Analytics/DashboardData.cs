namespace RetailRecs.Core.Analytics;

/// <summary>Headline figures of a period.</summary>
/// <param name="ReturnRate">Share of the value sold that came back.</param>
/// <param name="Units">Units sold (lines' quantities).</param>
/// <param name="UnitReturnRate">Share of the units sold that came back: the return rate when prices are unknown.</param>
public sealed record Kpis(decimal Revenue, int Orders, int Customers, decimal AverageOrderValue, double ItemsPerBasket, double ReturnRate,
    long Units = 0, double UnitReturnRate = 0);

/// <summary>One KPI with the previous period's value, to show the change.</summary>
/// <param name="LowerIsBetter">True for figures such as the return rate, where a rise is bad news.</param>
public sealed record KpiChange(string Name, double Value, double? Previous, string Format, bool LowerIsBetter = false)
{
    /// <summary>Relative change, or null when the previous period had nothing to compare with.</summary>
    public double? Change => Previous is { } p && p != 0 ? (Value - p) / Math.Abs(p) : null;

    /// <summary>Why there is no change to show, in words for the card; null for the usual reason (no full previous period).</summary>
    public string? NotCompared { get; init; }
}

public sealed record LabelledValue(string Label, decimal Value);

/// <summary>Customers buying in a month: first-time buyers and returning ones.</summary>
public sealed record NewVersusReturning(string Month, int New, int Returning);

/// <summary>Share of a first-purchase cohort still buying n months later (n = 0, 1, 2, ...).</summary>
public sealed record CohortRow(string Cohort, int Customers, IReadOnlyList<double> Retention);

/// <summary>Orders placed per weekday (Monday first, 0–6) and hour of the day.</summary>
public sealed record WeekdayHourCell(int Weekday, int Hour, int Orders);

/// <summary>
/// How one model's suggestions did: how often they were shown, accepted, dismissed, added to a basket, and how often
/// the customer bought the suggested product within the attribution window, with that revenue.
/// </summary>
public sealed record SuggestionPerformance(string Model, int Shown, int Accepted, int Dismissed, int AddedToBasket, int Bought, decimal AttributedRevenue)
{
    public double AcceptanceRate => Shown == 0 ? 0 : (double)Accepted / Shown;
    public double ConversionRate => Shown == 0 ? 0 : (double)Bought / Shown;
}

/// <summary>Everything the manager dashboard draws for one filter, each chart's figures ready for a table too.</summary>
public sealed record DashboardData(
    DashboardFilter Filter,
    IReadOnlyList<KpiChange> Kpis,
    IReadOnlyList<LabelledValue> RevenueTrend,
    IReadOnlyList<LabelledValue> TopProducts,
    IReadOnlyList<LabelledValue> RevenueByCountry,
    IReadOnlyList<NewVersusReturning> NewVersusReturning,
    IReadOnlyList<CohortRow> Cohorts,
    IReadOnlyList<LabelledValue> BasketSizes,
    IReadOnlyList<WeekdayHourCell> WeekdayHours,
    IReadOnlyList<LabelledValue> ReturnsByMonth,
    IReadOnlyList<SuggestionPerformance> Suggestions,
    IReadOnlyList<string> Countries,
    DateOnly? FirstSale,
    DateOnly? LastSale)
{
    /// <summary>Revenue of the categories that sold most (the product's own category, else its automatic one).</summary>
    public IReadOnlyList<LabelledValue> TopCategories { get; init; } = [];
    /// <summary>Revenue per store; empty when the data has fewer than two stores (the Online Retail data has none).</summary>
    public IReadOnlyList<LabelledValue> RevenueByStore { get; init; } = [];
    public IReadOnlyList<StoreOption> Stores { get; init; } = [];
    /// <summary>The current segmentation's segments, for the segment filter; empty before the first segmentation.</summary>
    public IReadOnlyList<SegmentOption> Segments { get; init; } = [];

    /// <summary>Why the view shown is not the one asked for (a segment of an earlier segmentation, a store not in the data); null when it is.</summary>
    public string? FilterNotice { get; init; }

    /// <summary>
    /// False when no sale of the period has a price (a member, date and item export): money is unknown, so the trend,
    /// top products and categories, countries, stores and returns are in units, and no revenue figure is given.
    /// </summary>
    public bool RevenueKnown { get; init; } = true;

    /// <summary>
    /// The days of the period with sales but no priced one (a history imported without prices, then tills that send
    /// them), when some others have prices: revenue counts the priced sales only, the average order value the orders of
    /// priced days, and the page says so. Zero when every day's sales have prices (or none do).
    /// </summary>
    public int DaysWithoutPrices { get; init; }

    /// <summary>False when every order of the period is at midnight (an export with dates only): there is no hour to chart.</summary>
    public bool HasTimeOfDay { get; init; } = true;

    /// <summary>
    /// The period the suggestion figures cover: the view's, or on historical data a period as long ending today
    /// (suggestions happen now, the sales long ago). The page says which.
    /// </summary>
    public DateOnly SuggestionsFrom { get; init; }
    public DateOnly SuggestionsTo { get; init; }
}

public sealed record StoreOption(int Id, string Name);

public sealed record SegmentOption(int Id, string Name);
