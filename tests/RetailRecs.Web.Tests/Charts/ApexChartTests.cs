using Bunit;
using Microsoft.AspNetCore.Components;
using RetailRecs.Web.Components.Charts;

namespace RetailRecs.Web.Tests.Charts;

/// <summary>The wrapper's calls into its JavaScript module, with bUnit's JS interop in strict mode: any call not set up fails.</summary>
[Trait("Database", "None")]
public class ApexChartTests : BunitContext, IAsyncLifetime
{
    private readonly BunitJSModuleInterop _module;
    private readonly BunitJSModuleInterop _chart;

    public ApexChartTests()
    {
        JSInterop.Mode = JSRuntimeMode.Strict;
        _module = JSInterop.SetupModule(ApexChart.ModulePath);
        // "create" returns the chart as a JS object reference, on which the component calls updateSeries, updateOptions, destroy.
        _chart = _module.SetupModule(inv => inv.Identifier == "create");
        _chart.SetupVoid("updateSeries", _ => true);
        _chart.SetupVoid("updateOptions", _ => true);
        _chart.SetupVoid("destroy", _ => true).SetVoidResult(); // answered, or the dispose would wait for it
    }

    private IRenderedComponent<ChartHost> RenderChart(IReadOnlyList<ApexSeries> series, bool dark = false) =>
        Render<ChartHost>(p => p.Add(h => h.Series, series).Add(h => h.Dark, dark));

    private IRenderedComponent<ChartHost> RenderChart(ChartShape shape) =>
        Render<ChartHost>(p => p.Add(h => h.Type, shape.Type).Add(h => h.Horizontal, shape.Horizontal).Add(h => h.Stacked, shape.Stacked)
            .Add(h => h.ValuePrefix, shape.ValuePrefix).Add(h => h.Categories, shape.Categories).Add(h => h.Series, shape.Series));

    /// <summary>Hosts the chart as a page does: inside the layout's DarkMode cascading value.</summary>
    public sealed class ChartHost : ComponentBase
    {
        [Parameter] public IReadOnlyList<ApexSeries> Series { get; set; } = [];
        [Parameter] public bool Dark { get; set; }
        [Parameter] public IReadOnlyList<string>? Categories { get; set; } = ["Jan", "Feb"];
        [Parameter] public ApexChartType Type { get; set; } = ApexChartType.Bar;
        [Parameter] public bool Horizontal { get; set; }
        [Parameter] public bool Stacked { get; set; }
        [Parameter] public string? ValuePrefix { get; set; } = "£";

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder b)
        {
            b.OpenComponent<CascadingValue<bool>>(0);
            b.AddComponentParameter(1, "Name", "DarkMode");
            b.AddComponentParameter(2, "Value", Dark);
            b.AddComponentParameter(3, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<ApexChart>(0);
                c.AddComponentParameter(1, nameof(ApexChart.Type), Type);
                c.AddComponentParameter(2, nameof(ApexChart.Series), Series);
                c.AddComponentParameter(3, nameof(ApexChart.Categories), Categories);
                c.AddComponentParameter(4, nameof(ApexChart.AriaLabel), "Revenue by month");
                c.AddComponentParameter(5, nameof(ApexChart.ValuePrefix), ValuePrefix);
                c.AddComponentParameter(6, nameof(ApexChart.Horizontal), Horizontal);
                c.AddComponentParameter(7, nameof(ApexChart.Stacked), Stacked);
                c.CloseComponent();
            }));
            b.CloseComponent();
        }
    }

    [Fact]
    public void FirstRender_CreatesTheChartOnce_WithTypeSeriesCategoriesAndTheme()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [100m, 200m])]);

        var create = _module.VerifyInvoke("create");
        var options = Assert.IsType<Dictionary<string, object?>>(create.Arguments[1]);
        Assert.Equal("bar", Json(options["chart"]).GetProperty("type").GetString());
        Assert.Equal("light", Json(options["theme"]).GetProperty("mode").GetString());
        Assert.Equal("£", options["valuePrefix"]);
        Assert.Equal(["Jan", "Feb"], Json(options["xaxis"]).GetProperty("categories").EnumerateArray().Select(e => e.GetString()));
        var series = Json(options["series"]).EnumerateArray().Single();
        Assert.Equal("Revenue", series.GetProperty("name").GetString());
        Assert.Equal([100m, 200m], series.GetProperty("data").EnumerateArray().Select(e => e.GetDecimal()));
        Assert.Equal("img", rendered.Find(".apex-chart").GetAttribute("role"));
    }

    [Fact]
    public void NewFigures_UpdateTheSeriesInPlace_WithoutCreatingAnotherChart()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [100m, 200m])]);

        rendered.Render(p => p.Add(h => h.Series, [ApexSeries.Of("Revenue", [150m, 250m])]));

        Assert.Single(_module.Invocations["create"]);
        var update = _chart.VerifyInvoke("updateSeries");
        Assert.Contains("150", System.Text.Json.JsonSerializer.Serialize(update.Arguments[0]));
    }

    [Fact]
    public void Render_SameFigures_DoesNotRedrawTheChart()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [100m, 200m])]);

        rendered.Render(p => p.Add(h => h.Series, [ApexSeries.Of("Revenue", [100m, 200m])]));

        _module.VerifyInvoke("create");
        _chart.VerifyNotInvoke("updateSeries");
        _chart.VerifyNotInvoke("updateOptions");
    }

    [Fact]
    public void NewCategories_AreSentWithTheirFigures_InOneUpdate()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [100m, 200m])]);

        rendered.Render(p => p.Add(h => h.Categories, ["Mar", "Apr"]).Add(h => h.Series, [ApexSeries.Of("Revenue", [5m, 6m])]));

        var update = _chart.VerifyInvoke("updateOptions");
        var json = System.Text.Json.JsonSerializer.Serialize(update.Arguments[0]);
        Assert.Contains("\"categories\":[\"Mar\",\"Apr\"]", json);
        Assert.Contains("5", json);
        _chart.VerifyNotInvoke("updateSeries");
        Assert.Single(_module.Invocations["create"]);
    }

    [Fact]
    public void Render_ThemeSwitched_UpdatesTheChartsTheme()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [1m])]);

        rendered.Render(p => p.Add(h => h.Dark, true));

        var update = _chart.VerifyInvoke("updateOptions");
        Assert.Contains("\"mode\":\"dark\"", System.Text.Json.JsonSerializer.Serialize(update.Arguments[0]));
    }

    [Fact]
    public async Task Dispose_ChartDrawn_DestroysTheChart()
    {
        RenderChart([ApexSeries.Of("Revenue", [1m])]);

        await DisposeComponentsAsync();

        _chart.VerifyInvoke("destroy");
    }

    // Stored text as an import, a store system or a manager could write it.
    private const string Hostile = "<img src=x onerror=alert(1)> Mugs & Jugs \"'";
    private const string HostileEncoded = "&lt;img src=x onerror=alert(1)&gt; Mugs &amp; Jugs &quot;&#39;";

    /// <summary>One chart as a page draws it: its type and settings, with hostile text wherever the page puts text.</summary>
    public sealed record ChartShape(string Page, ApexChartType Type, IReadOnlyList<string>? Categories, IReadOnlyList<ApexSeries> Series,
        bool Horizontal = false, bool Stacked = false, string? ValuePrefix = null)
    {
        public override string ToString() => Page;
    }

    /// <summary>Every kind of chart the app draws (Dashboard, Segments, Experiments, Models), as their pages set it up.</summary>
    public static TheoryData<ChartShape> AppCharts() =>
    [
        new("Dashboard revenue trend", ApexChartType.Area, [Hostile, "Feb"], [ApexSeries.Of(Hostile, [1m, 2m])], ValuePrefix: Hostile),
        new("Dashboard revenue by country", ApexChartType.Donut, [Hostile, "France"], [ApexSeries.Of("Revenue", [1m, 2m])]),
        new("Dashboard top products, categories, stores", ApexChartType.Bar, [Hostile, "Teapot"], [ApexSeries.Of("Revenue", [5m, 4m])], Horizontal: true, ValuePrefix: "£"),
        new("Dashboard new and returning customers", ApexChartType.Bar, [Hostile], [ApexSeries.Of(Hostile, [1]), ApexSeries.Of("Returning", [2])], Stacked: true),
        new("Dashboard cohort heatmap", ApexChartType.Heatmap, null, [new ApexSeries(Hostile, [new { x = Hostile, y = (double?)50 }, new { x = "+1", y = (double?)null }])]),
        new("Segments and Experiments line charts", ApexChartType.Line, [Hostile, "2"], [ApexSeries.Of(Hostile, [0.5, 0.6]), ApexSeries.Of("Other", [0.4, 0.3])]),
        new("Segments map", ApexChartType.Scatter, null, [new ApexSeries(Hostile, [new[] { 1.0, 2.0 }, new object[] { 3.0, Hostile }])]),
    ];

    [Theory]
    [MemberData(nameof(AppCharts))]
    public void Create_EveryChartWithHtmlInItsText_HandsApexChartsOnlyEncodedText(ChartShape shape)
    {
        var rendered = RenderChart(shape);

        var sent = Strings(Json(_module.VerifyInvoke("create").Arguments[1])).ToList();
        Assert.Contains(HostileEncoded, sent);
        Assert.All(sent, AssertEncoded);
        Assert.Empty(rendered.Find(".apex-chart").Children); // the chart's element is ApexCharts' alone: nothing drawn from text in Razor
    }

    [Theory]
    [MemberData(nameof(AppCharts))]
    public void Update_EveryChartWithNewHtmlText_HandsApexChartsOnlyEncodedText(ChartShape shape)
    {
        var rendered = RenderChart(shape with { Categories = shape.Categories is null ? null : ["Jan", "Feb"], Series = [ApexSeries.Of("Revenue", [1m, 2m])] });

        rendered.Render(p => p.Add(h => h.Categories, shape.Categories).Add(h => h.Series, shape.Series));

        var updates = _chart.Invocations.SelectMany(i => i.Arguments).SelectMany(a => Strings(Json(a))).ToList();
        Assert.Contains(HostileEncoded, updates);
        Assert.All(updates, AssertEncoded);
    }

    /// <summary>Text with no character HTML would read as markup: every one of the five is an entity.</summary>
    private static void AssertEncoded(string text)
    {
        Assert.DoesNotMatch("[<>\"']", text);
        Assert.DoesNotMatch("&(?!(amp|lt|gt|quot|#39);)", text);
    }

    private static IEnumerable<string> Strings(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => [e.GetString()!],
        System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
        System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
        _ => [],
    };

    private static System.Text.Json.JsonElement Json(object? value) =>
        System.Text.Json.JsonSerializer.SerializeToElement(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
