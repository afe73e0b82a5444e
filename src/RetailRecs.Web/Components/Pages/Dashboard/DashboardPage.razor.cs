using System.Globalization;
using Microsoft.AspNetCore.Components;
using RetailRecs.Core.Analytics;

namespace RetailRecs.Web.Components.Pages.Dashboard;

/// <summary>The managers' dashboard: the view in the address, its figures from <see cref="DashboardService"/>, shaped by <see cref="DashboardCharts"/>.</summary>
public partial class DashboardPage
{
    private const string AllCountries = "";

    [Inject] private DashboardService Dashboard { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "country")] public string? Country { get; set; }
    [SupplyParameterFromQuery(Name = "by")] public string? By { get; set; }
    [SupplyParameterFromQuery(Name = "store")] public int? Store { get; set; }
    [SupplyParameterFromQuery(Name = "segment")] public int? Segment { get; set; }

    private DashboardFilter? _filter;
    private DashboardData? _data;
    private string? _from, _to, _country, _filterError;
    private TrendGranularity _by = TrendGranularity.Month;
    private int? _store, _segment;
    private int _load;

    private string? StoreName => _data?.Stores.FirstOrDefault(s => s.Id == _filter?.StoreId)?.Name;
    private string? SegmentName => _data?.Segments.FirstOrDefault(s => s.Id == _filter?.SegmentId)?.Name;

    private bool SuggestionsOnOwnPeriod => _data!.SuggestionsFrom != _filter!.From || _data.SuggestionsTo != _filter.To;
    private string SuggestionPeriodWords => SuggestionsOnOwnPeriod
        ? $"from {_data!.SuggestionsFrom:d MMM yyyy} to {_data.SuggestionsTo:d MMM yyyy}" : "in this period";
    private string SuggestionPeriodText => (SuggestionsOnOwnPeriod
        ? $"Suggestions {SuggestionPeriodWords}: staff use them today, while the sales data ends on {_data!.LastSale:d MMM yyyy}, so they are counted over the last {_filter!.Days} days up to today."
        : $"Suggestions {SuggestionPeriodWords}, as the rest of the page.")
        // A suggestion is logged for the customer it was shown to, not for a store: under a store filter these are
        // still the whole chain's (before 2026-12-06 the page said nothing, and the chain's figures read as the store's).
        + (_filter!.StoreId is null ? "" : " Suggestions are not recorded by store: these count the whole chain's.");

    private static string Currency => CultureInfo.CurrentCulture.NumberFormat.CurrencySymbol;

    // Without a priced sale money is unknown, not £0: the same charts count units instead.
    private string Measure => _data!.RevenueKnown ? "Revenue" : "Units";
    private string MeasureWord => _data!.RevenueKnown ? "revenue" : "units";
    private string ReturnedMeasure => _data!.RevenueKnown ? "Returned value" : "Returned units";
    private string? Prefix => _data!.RevenueKnown ? Currency : null;

    protected override async Task OnParametersSetAsync()
    {
        var address = new DashboardAddress(From, To, Country, By, Store, Segment);
        var filter = address.ToFilter(address.HasBothDates ? null : await Dashboard.DefaultFilterAsync());
        if (filter == _filter && _data is not null)
        {
            return; // same view as shown: no need to ask the database again
        }
        _filter = filter;
        (_from, _to, _country, _by) = (filter.From.ToString("yyyy-MM-dd"), filter.To.ToString("yyyy-MM-dd"), filter.Country ?? AllCountries, filter.Granularity);
        (_store, _segment) = (filter.StoreId, filter.SegmentId);
        var load = ++_load;
        var data = await Dashboard.GetAsync(filter);
        if (load == _load)
        {
            _data = data; // a slower, older load never overwrites a newer view
            _filter = data.Filter; // without a segment or store the data does not know (FilterNotice says so)
            (_store, _segment) = (data.Filter.StoreId, data.Filter.SegmentId);
        }
    }

    private void Apply()
    {
        if (!DashboardAddress.TryDate(_from, out var from) || !DashboardAddress.TryDate(_to, out var to))
        {
            _filterError = "Choose both dates.";
            return;
        }
        if (to < from)
        {
            _filterError = "The end date is before the start date.";
            return;
        }
        _filterError = null;
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(DashboardAddress.Query(from, to, _country, _by, _store, _segment)));
    }
}
