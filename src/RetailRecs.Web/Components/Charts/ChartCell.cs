using System.Globalization;

namespace RetailRecs.Web.Components.Charts;

/// <summary>
/// One cell of a chart's table: the text the table shows, formatted as the chart shows it (money, percentages,
/// thousands separators), and the plain number a spreadsheet reads from the CSV ("0.25", not "25 %").
/// </summary>
public readonly record struct ChartCell(string Text, string Csv)
{
    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    /// <summary>Text (a label, a name): the same in the table and the CSV.</summary>
    public static implicit operator ChartCell(string text) => new(text, text);

    public static ChartCell Count(long n) => new(n.ToString("N0", CultureInfo.CurrentCulture), n.ToString(Invariant));

    public static ChartCell Number(double value, int decimals) =>
        new(Shared.Figures.NoNegativeZero(value, decimals).ToString("N" + decimals, CultureInfo.CurrentCulture), value.ToString("0.######", Invariant));

    /// <summary>Money in the page's currency with pence; the CSV holds the amount without the symbol.</summary>
    public static ChartCell Money(decimal amount) => new(amount.ToString("C2", CultureInfo.CurrentCulture), amount.ToString("0.00", Invariant));

    /// <summary>A share (0.25) shown as a percentage ("25.0%"); the CSV holds the share.</summary>
    public static ChartCell Percent(double share, int decimals = 1) => new(Shared.Figures.Percent(share, decimals), share.ToString("0.######", Invariant));
}
