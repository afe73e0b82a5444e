namespace RetailRecs.Core.Common;

/// <summary>One CSV cell as the app writes every CSV download: RFC 4180 quoting, and formula-like text neutralised.</summary>
public static class CsvCell
{
    /// <summary>
    /// Text a spreadsheet would run as a formula (starting with = + - @, tab or carriage return) gets a leading
    /// apostrophe, so opening a downloaded file never executes it; commas, quotes and line breaks are quoted, and so
    /// are semicolons: a spreadsheet whose list separator is ";" (most of continental Europe) would otherwise split
    /// "x;=cmd" into a second cell that starts like a formula.
    /// </summary>
    public static string Escape(string value)
    {
        // A plain number ("-5", "+3.2") stays a number; anything else starting like a formula is neutralised.
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r'
            && !decimal.TryParse(value, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",;\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
