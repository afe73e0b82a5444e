namespace RetailRecs.Web.Components.Charts;

/// <summary>One named series of a chart: its values in category order (or x/y points for scatter charts).</summary>
public sealed record ApexSeries(string Name, IReadOnlyList<object?> Data)
{
    public static ApexSeries Of<T>(string name, IEnumerable<T> values) => new(name, values.Cast<object?>().ToList());

    /// <summary>Equal when names and values are, so a re-render with the same figures does not redraw the chart.</summary>
    public bool SameAs(ApexSeries other) => Name == other.Name && Data.SequenceEqual(other.Data);
}

/// <summary>The chart types the app uses.</summary>
public enum ApexChartType { Line, Area, Bar, Heatmap, Scatter, Donut }

/// <summary>
/// A point of a heatmap (or scatter) series: the cell's label and its value, null for a cell without one (drawn empty).
/// ApexCharts reads <c>{ x, y }</c>, which is how the chart's JSON names these.
/// </summary>
public sealed record ApexPoint(string X, double? Y);
