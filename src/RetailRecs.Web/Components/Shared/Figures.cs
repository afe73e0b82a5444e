using System.Globalization;

namespace RetailRecs.Web.Components.Shared;

/// <summary>Figures as managers read them: no "-0.0%" for a share that rounds to nothing.</summary>
public static class Figures
{
    /// <summary>The value rounded as it will be shown, with a rounded-away negative turned into plain zero.</summary>
    public static double NoNegativeZero(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        return rounded == 0 ? 0 : rounded;
    }

    /// <summary>A share (0.253) as a percentage in the page's culture ("25.3%").</summary>
    public static string Percent(double share, int decimals = 1) =>
        NoNegativeZero(share, decimals + 2).ToString("P" + decimals, CultureInfo.CurrentCulture);

    /// <summary>A .NET format ("P1", "N0", "C2") applied to a value, percentages without a negative zero.</summary>
    public static string Format(double value, string format) =>
        format.StartsWith('P') && int.TryParse(format.AsSpan(1), CultureInfo.InvariantCulture, out var decimals)
            ? Percent(value, decimals)
            : value.ToString(format, CultureInfo.CurrentCulture);
}
