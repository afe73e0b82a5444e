using System.Globalization;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// Reads the dates of one file. ISO dates always parse; for slash dates the file's order (day first or month first)
/// is decided once from a sample: a first number above 12 proves day first, a second above 12 proves month first,
/// and day first (the British order) is the default when nothing proves either.
/// </summary>
public sealed class FlexibleDate
{
    private static readonly string[] Iso = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd"];
    private static readonly string[] DayFirst = ["d/M/yyyy H:mm", "d/M/yyyy H:mm:ss", "d/M/yyyy", "d.M.yyyy H:mm", "d.M.yyyy", "d-M-yyyy H:mm", "d-M-yyyy", "d/M/yy H:mm", "d/M/yy"];
    private static readonly string[] MonthFirstFormats = ["M/d/yyyy H:mm", "M/d/yyyy H:mm:ss", "M/d/yyyy", "M/d/yy H:mm", "M/d/yy"];

    private readonly string[] _formats;

    private FlexibleDate(bool monthFirst)
    {
        MonthFirst = monthFirst;
        _formats = [.. Iso, .. monthFirst ? MonthFirstFormats : DayFirst];
    }

    public bool MonthFirst { get; }

    /// <summary>How the file writes dates, for the report.</summary>
    public string Describe => MonthFirst ? "ISO (yyyy-MM-dd) or month first (M/d/yyyy)" : "ISO (yyyy-MM-dd) or day first (d/M/yyyy)";

    public static FlexibleDate Detect(IEnumerable<string> sample)
    {
        int dayFirstEvidence = 0, monthFirstEvidence = 0;
        foreach (var text in sample)
        {
            var parts = text.Trim().Split('/', '.', ' ');
            if (parts.Length >= 2 && int.TryParse(parts[0], out var first) && int.TryParse(parts[1], out var second))
            {
                if (first > 12 && second <= 12) dayFirstEvidence++;
                if (second > 12 && first <= 12) monthFirstEvidence++;
            }
        }
        return new FlexibleDate(monthFirstEvidence > dayFirstEvidence);
    }

    public bool TryParse(string text, out DateTime value) =>
        DateTime.TryParseExact(text.Trim(), _formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value)
        || (text.Length > 0 && char.IsDigit(text[0]) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial)
            && serial is > 20000 and < 80000 && (value = DateTime.FromOADate(serial)) != default);
}
