using Bunit;
using Microsoft.AspNetCore.Components;
using RetailRecs.Web.Components.Charts;

namespace RetailRecs.Web.Tests.Charts;

/// <summary>The wrapper's calls into its JavaScript module, with bUnit's JS interop in strict mode: any call not set up fails.</summary>
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
        _chart.SetupVoid("destroy", _ => true);
    }

    private IRenderedComponent<ChartHost> RenderChart(IReadOnlyList<ApexSeries> series, bool dark = false) =>
        Render<ChartHost>(p => p.Add(h => h.Series, series).Add(h => h.Dark, dark));

    /// <summary>Hosts the chart as a page does: inside the layout's DarkMode cascading value.</summary>
    public sealed class ChartHost : ComponentBase
    {
        [Parameter] public IReadOnlyList<ApexSeries> Series { get; set; } = [];
        [Parameter] public bool Dark { get; set; }
        [Parameter] public IReadOnlyList<string> Categories { get; set; } = ["Jan", "Feb"];

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder b)
        {
            b.OpenComponent<CascadingValue<bool>>(0);
            b.AddComponentParameter(1, "Name", "DarkMode");
            b.AddComponentParameter(2, "Value", Dark);
            b.AddComponentParameter(3, "ChildContent", (RenderFragment)(c =>
            {
                c.OpenComponent<ApexChart>(0);
                c.AddComponentParameter(1, nameof(ApexChart.Type), ApexChartType.Bar);
                c.AddComponentParameter(2, nameof(ApexChart.Series), Series);
                c.AddComponentParameter(3, nameof(ApexChart.Categories), Categories);
                c.AddComponentParameter(4, nameof(ApexChart.AriaLabel), "Revenue by month");
                c.AddComponentParameter(5, nameof(ApexChart.ValuePrefix), "£");
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
    public void SameFigures_DoNotRedrawTheChart()
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
    public void ThemeSwitch_UpdatesTheChartsTheme()
    {
        var rendered = RenderChart([ApexSeries.Of("Revenue", [1m])]);

        rendered.Render(p => p.Add(h => h.Dark, true));

        var update = _chart.VerifyInvoke("updateOptions");
        Assert.Contains("\"mode\":\"dark\"", System.Text.Json.JsonSerializer.Serialize(update.Arguments[0]));
    }

    [Fact]
    public async Task Dispose_DestroysTheChart()
    {
        RenderChart([ApexSeries.Of("Revenue", [1m])]);

        await DisposeComponentsAsync();

        _chart.VerifyInvoke("destroy");
    }

    private static System.Text.Json.JsonElement Json(object? value) =>
        System.Text.Json.JsonSerializer.SerializeToElement(value, new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web));

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync() => await DisposeAsync();
}
