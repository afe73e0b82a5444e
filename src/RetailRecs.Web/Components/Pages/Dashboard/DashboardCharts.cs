using System.Globalization;
using RetailRecs.Core.Analytics;
using RetailRecs.Web.Components.Charts;

namespace RetailRecs.Web.Components.Pages.Dashboard;

/// <summary>
/// The dashboard's figures shaped for its charts and for the table beside each chart: the same numbers twice, so
/// someone who cannot or would rather not read a chart reads the table.
/// </summary>
public static class DashboardCharts
{
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static IReadOnlyList<string> Labels(IReadOnlyList<LabelledValue> values) => values.Select(v => v.Label).ToList();

    public static IReadOnlyList<ApexSeries> Series(IReadOnlyList<LabelledValue> values, string name) => [ApexSeries.Of(name, values.Select(v => Math.Round(v.Value, 2)))];

    // Tables read as the charts do: money with its symbol and pence, counts with thousands separators, shares as percentages.
    public static ChartTable Table(IReadOnlyList<LabelledValue> values, string label, string value, bool money = false) =>
        new([label, value], values.Select(v => (IReadOnlyList<ChartCell>)[v.Label, money ? ChartCell.Money(v.Value) : Amount(v.Value)]).ToList());

    /// <summary>Units and orders are whole numbers; anything else keeps two decimals.</summary>
    private static ChartCell Amount(decimal value) => ChartCell.Number((double)value, value == decimal.Truncate(value) ? 0 : 2);

    /// <summary>Orders per weekday, for sales that have dates but no times.</summary>
    public static IReadOnlyList<LabelledValue> WeekdayOrders(DashboardData data) =>
        Enumerable.Range(0, 7).Select(d => new LabelledValue(Weekdays[d], data.WeekdayHours.Where(c => c.Weekday == d).Sum(c => c.Orders))).ToList();

    public static ChartTable NewReturningTable(DashboardData data) =>
        new(["Month", "New", "Returning"], data.NewVersusReturning.Select(m => (IReadOnlyList<ChartCell>)[m.Month, ChartCell.Count(m.New), ChartCell.Count(m.Returning)]).ToList());

    public static IReadOnlyList<ApexSeries> NewReturningSeries(DashboardData data) =>
        [ApexSeries.Of("New", data.NewVersusReturning.Select(m => m.New)), ApexSeries.Of("Returning", data.NewVersusReturning.Select(m => m.Returning))];

    public static ChartTable CohortTable(DashboardData data)
    {
        var width = CohortWidth(data);
        return new(["First purchase", "Customers", .. Enumerable.Range(0, width).Select(n => $"Month {n}")],
            data.Cohorts.Select(c => (IReadOnlyList<ChartCell>)[c.Cohort, ChartCell.Count(c.Customers), .. c.Retention.Select(r => ChartCell.Percent(r, 0))]).ToList());
    }

    // Heatmaps: one series per row; the newest cohort first reads best from the top.
    // Rows are padded to the widest cohort, so every month offset has its column even when the top row is short.
    public static IReadOnlyList<ApexSeries> CohortSeries(DashboardData data)
    {
        var width = CohortWidth(data);
        return data.Cohorts.AsEnumerable().Reverse()
            .Select(c => new ApexSeries(c.Cohort, Enumerable.Range(0, width)
                .Select(n => (object?)new ApexPoint($"+{n}", n < c.Retention.Count ? Math.Round(c.Retention[n] * 100) : null)).ToList()))
            .ToList();
    }

    private static int CohortWidth(DashboardData data) => data.Cohorts.Count == 0 ? 0 : data.Cohorts.Max(c => c.Retention.Count);

    public static IReadOnlyList<ApexSeries> WeekdayHourSeries(DashboardData data)
    {
        var hours = data.WeekdayHours.Select(c => c.Hour).DefaultIfEmpty().Distinct().Order().ToList();
        return Enumerable.Range(0, 7).Reverse().Select(d => new ApexSeries(Weekdays[d], hours
            .Select(h => (object?)new ApexPoint($"{h:00}h", data.WeekdayHours.FirstOrDefault(c => c.Weekday == d && c.Hour == h)?.Orders ?? 0)).ToList())).ToList();
    }

    public static ChartTable WeekdayHourTable(DashboardData data) =>
        new(["Weekday", "Hour", "Orders"], data.WeekdayHours.Select(c => (IReadOnlyList<ChartCell>)[Weekdays[c.Weekday], c.Hour.ToString("00", CultureInfo.InvariantCulture), ChartCell.Count(c.Orders)]).ToList());

    public static IReadOnlyList<ApexSeries> SuggestionSeries(DashboardData data) =>
    [
        ApexSeries.Of("Shown", data.Suggestions.Select(s => s.Shown)),
        ApexSeries.Of("Accepted", data.Suggestions.Select(s => s.Accepted)),
        ApexSeries.Of("Bought", data.Suggestions.Select(s => s.Bought)),
    ];

    public static ChartTable SuggestionTable(DashboardData data) =>
        new(["Model", "Shown", "Accepted", "Not interested", "Added to basket", "Bought", "Acceptance rate", "Conversion rate", "Attributed revenue"],
            data.Suggestions.Select(s => (IReadOnlyList<ChartCell>)[s.Model, ChartCell.Count(s.Shown), ChartCell.Count(s.Accepted),
                ChartCell.Count(s.Dismissed), ChartCell.Count(s.AddedToBasket), ChartCell.Count(s.Bought),
                ChartCell.Percent(s.AcceptanceRate), ChartCell.Percent(s.ConversionRate),
                data.RevenueKnown ? ChartCell.Money(s.AttributedRevenue) : "unknown (no prices)"]).ToList());
}
