using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace RetailRecs.Web.Components.Charts;

public partial class ApexChart
{
    [Inject] private IJSRuntime JS { get; set; } = default!;

    public const string ModulePath = "./Components/Charts/ApexChart.razor.js";

    private ElementReference _element;
    private IJSObjectReference? _module;
    private IJSObjectReference? _chart;
    private IReadOnlyList<ApexSeries> _drawnSeries = [];
    private IReadOnlyList<string>? _drawnCategories;
    private bool _drawnDark;
    private bool _disposed;

    [Parameter, EditorRequired] public ApexChartType Type { get; set; }
    [Parameter, EditorRequired] public IReadOnlyList<ApexSeries> Series { get; set; } = [];
    /// <summary>Labels of the x axis (for line, area and bar charts) or of the slices (donut).</summary>
    [Parameter] public IReadOnlyList<string>? Categories { get; set; }
    [Parameter] public int Height { get; set; } = 320;
    /// <summary>Bars drawn sideways (long labels such as product names read better).</summary>
    [Parameter] public bool Horizontal { get; set; }
    /// <summary>Series stacked on each other (parts of one whole, such as new and returning customers).</summary>
    [Parameter] public bool Stacked { get; set; }
    /// <summary>Written before every value on the y axis and in tooltips, e.g. "£".</summary>
    [Parameter] public string? ValuePrefix { get; set; }
    /// <summary>What the chart shows, for screen readers.</summary>
    [Parameter, EditorRequired] public string AriaLabel { get; set; } = "";
    [CascadingParameter(Name = "DarkMode")] public bool DarkMode { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            // What is drawn is noted before the awaits: parameters that change meanwhile are applied right after.
            (_drawnSeries, _drawnCategories, _drawnDark) = (Series, Categories, DarkMode);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", ModulePath);
            var chart = await _module.InvokeAsync<IJSObjectReference>("create", _element, Options());
            if (_disposed)
            {
                await DestroyAsync(chart); // the page was left while the chart was being made
                return;
            }
            _chart = chart;
            await SyncAsync();
        }
    }

    protected override Task OnParametersSetAsync() => _chart is null ? Task.CompletedTask : SyncAsync();

    /// <summary>Brings the drawn chart up to the current parameters, without re-creating it.</summary>
    private async Task SyncAsync()
    {
        if (DarkMode != _drawnDark)
        {
            _drawnDark = DarkMode;
            await _chart!.InvokeVoidAsync("updateOptions", new { theme = Theme(), chart = new { background = "transparent" } });
        }
        var seriesChanged = Series.Count != _drawnSeries.Count || Series.Zip(_drawnSeries).Any(p => !p.First.SameAs(p.Second));
        var categoriesChanged = !(Categories ?? []).SequenceEqual(_drawnCategories ?? []);
        if (categoriesChanged)
        {
            // New labels (another period or country) go with their figures in one update.
            (_drawnSeries, _drawnCategories) = (Series, Categories);
            await _chart!.InvokeVoidAsync("updateOptions", CategoryOptions());
        }
        else if (seriesChanged)
        {
            _drawnSeries = Series;
            await _chart!.InvokeVoidAsync("updateSeries", SeriesPayload());
        }
    }

    private Dictionary<string, object?> CategoryOptions() => new()
    {
        [Type == ApexChartType.Donut ? "labels" : "xaxis"] = Type == ApexChartType.Donut ? EncodedCategories() : new { categories = EncodedCategories() },
        ["series"] = SeriesPayload(),
    };

    /// <summary>The ApexCharts options object (serialised with camelCase names, as ApexCharts expects).</summary>
    private Dictionary<string, object?> Options()
    {
        // No ApexCharts download menu: its CSV export would write labels encoded and without the formula guard of
        // ChartCard's own CSV button, which is the one way to take a chart's figures away.
        var options = new Dictionary<string, object?>
        {
            ["chart"] = new { type = Type.ToString().ToLowerInvariant(), height = Height, background = "transparent", stacked = Stacked, toolbar = new { show = true, tools = new { download = false } }, animations = new { enabled = false } },
            ["plotOptions"] = new { bar = new { horizontal = Horizontal } },
            ["series"] = SeriesPayload(),
            ["theme"] = Theme(),
            ["dataLabels"] = new { enabled = Type == ApexChartType.Heatmap },
            ["stroke"] = new { width = Type is ApexChartType.Line or ApexChartType.Area ? 3 : 0 },
            ["noData"] = new { text = "No data for this view yet" },
        };
        if (Categories is not null)
        {
            options[Type == ApexChartType.Donut ? "labels" : "xaxis"] = Type == ApexChartType.Donut ? EncodedCategories() : new { categories = EncodedCategories() };
        }
        if (Type == ApexChartType.Heatmap)
        {
            // One colour scale for the whole heatmap (by default every row gets its own colour, which reads as categories).
            options["colors"] = new[] { "#00897b" };
        }
        if (ValuePrefix is not null)
        {
            options["valuePrefix"] = ChartText.Encode(ValuePrefix);
        }
        return options;
    }

    private IReadOnlyList<string> EncodedCategories() => ChartText.Encode(Categories ?? []);

    private object SeriesPayload() => Type == ApexChartType.Donut
        ? EncodedData(Series.FirstOrDefault()?.Data ?? [])
        : Series.Select(s => new { name = ChartText.Encode(s.Name), data = EncodedData(s.Data) }).ToList();

    private static List<object?> EncodedData(IReadOnlyList<object?> data) => data.Select(ChartText.EncodePoint).ToList();

    private object Theme() => new { mode = DarkMode ? "dark" : "light", palette = "palette1" };

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        if (_chart is { } chart)
        {
            await DestroyAsync(chart);
        }
        try
        {
            if (_module is not null)
            {
                await _module.DisposeAsync();
            }
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException)
        {
            // The browser has gone or the page is closing: nothing left to clean up there.
        }
    }

    private static async Task DestroyAsync(IJSObjectReference chart)
    {
        try
        {
            await chart.InvokeVoidAsync("destroy");
            await chart.DisposeAsync();
        }
        catch (Exception ex) when (ex is JSDisconnectedException or JSException or TaskCanceledException)
        {
        }
    }
}
