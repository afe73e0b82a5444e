using System.Globalization;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// Reads the dates of one file. ISO dates always parse; for dates written d/m/y or m/d/y (with /, . or -) the order is
/// decided for the whole file from evidence: a first number above 12 proves day first, a second above 12 proves month
/// first. Without any evidence day first (the British order) is assumed, and the report says so.
/// </summary>
public sealed class FlexibleDate
{
    // Year first also with slashes (2011/02/01) and with fractions after a space, as SQL Server and MySQL export
    // timestamps (2011-02-01 08:26:00.000); 12-hour times (12/1/2010 8:26:00 AM) as .NET and Excel write them in
    // the US. Before 2026-12-06 every row of such a file was rejected as an unreadable date.
    private static readonly string[] Iso =
    [
        "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd",
        "yyyy/MM/dd HH:mm:ss", "yyyy/MM/dd HH:mm", "yyyy/MM/dd",
        // ISO without seconds, and compact as SAP and tills write it; before 2026-12-07 every row was rejected.
        "yyyy-MM-dd'T'HH:mm", "yyyyMMdd", "yyyyMMdd HH:mm:ss", "yyyyMMdd HH:mm", "yyyyMMdd'T'HHmmss",
        .. MonthNames(),
    ];

    // Year first without leading zeros (2011/2/1 8:26, the short date of Japanese and Chinese Excel; 2011-2-1; an hour
    // of one digit): "MM", "dd" and "HH" take two digits only, so before 2026-12-07 every such row was rejected. Tried
    // after the file's own order (a four-digit year matches no d/M shape), so a d/M file's rows try no more formats first.
    private static readonly string[] YearFirstUnpadded = [.. YearFirstUnpaddedShapes()];

    private static IEnumerable<string> YearFirstUnpaddedShapes() =>
        from separator in new[] { "-", "/", "." }
        from time in new[] { "", " H:mm", " H:mm:ss", " H:mm:ss.FFFFFFF", " h:mm tt", " h:mm:ss tt" }
        select $"yyyy{separator}M{separator}d{time}";

    // Dates with the month's name (01-Feb-2011, 1 Feb 2011 08:26, Feb 1, 2011): one order only, whatever the file's.
    private static IEnumerable<string> MonthNames() =>
        from month in new[] { "MMM", "MMMM" }
        from time in new[] { "", " H:mm", " H:mm:ss" }
        from shape in new[] { $"d-{month}-yyyy", $"d-{month}-yy", $"d {month} yyyy", $"{month} d, yyyy", $"{month} d yyyy" }
        select shape + time;
    private static readonly string[] IsoWithOffset = ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd HH:mm:ssK"];
    // Day first and month first in the same shapes: with /, . or -, four- or two-digit years, 24- or 12-hour times
    // with or without seconds. Before 2026-12-06 the month-first list lacked some ("12-13-2010 08:26:00",
    // "12.13.2010"): the file was decided month first and then every row was rejected as an unreadable date.
    private static readonly string[] DayFirst = Shapes("d", "M");
    private static readonly string[] MonthFirstFormats = Shapes("M", "d");

    private static string[] Shapes(string first, string second) =>
    [
        .. from separator in new[] { "/", ".", "-" }
           from year in new[] { "yyyy", "yy" }
           from time in new[] { " H:mm", " H:mm:ss", "", " h:mm tt", " h:mm:ss tt" }
           select $"{first}{separator}{second}{separator}{year}{time}",
    ];

    private readonly string[] _formats;

    private readonly bool _chosen;

    private FlexibleDate(bool monthFirst, bool decided, bool chosen = false)
    {
        MonthFirst = monthFirst;
        Decided = decided;
        _chosen = chosen;
        _formats = [.. Iso, .. monthFirst ? MonthFirstFormats : DayFirst, .. YearFirstUnpadded];
    }

    public bool MonthFirst { get; }
    /// <summary>True when the user chose the order instead of letting the dates decide it.</summary>
    public bool Chosen => _chosen;
    /// <summary>False when no date in the sample proved either order.</summary>
    public bool Decided { get; }

    /// <summary>How the file writes dates, for the preview and the report.</summary>
    public string Describe => (MonthFirst ? "ISO (yyyy-MM-dd) or month first (M/d/yyyy)" : "ISO (yyyy-MM-dd) or day first (d/M/yyyy)")
        + (_chosen ? ", as chosen" : Decided ? "" : ", assumed: no date in the file tells the order (choose the order if it is the other)");

    /// <summary>The order the user chose, or the one the dates prove (<see cref="Detect"/>) when they chose none.</summary>
    public static FlexibleDate For(DateOrder order, Func<IEnumerable<string>> sample) => order switch
    {
        DateOrder.DayFirst => new FlexibleDate(monthFirst: false, decided: true, chosen: true),
        DateOrder.MonthFirst => new FlexibleDate(monthFirst: true, decided: true, chosen: true),
        _ => Detect(sample()),
    };

    /// <summary>+1 when the text can only be day first, -1 when it can only be month first, 0 when it tells nothing.</summary>
    public static int Evidence(string text)
    {
        var s = text.AsSpan().Trim();
        var end = s.IndexOfAny(' ', 'T');
        if (end > 0) s = s[..end];
        Span<Range> parts = stackalloc Range[4];
        var n = s.SplitAny(parts, "/.-");
        if (n < 3 || !int.TryParse(s[parts[0]], out var first) || !int.TryParse(s[parts[1]], out var second) || s[parts[0]].Length == 4)
        {
            return 0;
        }
        return first > 12 && second <= 12 ? 1 : second > 12 && first <= 12 ? -1 : 0;
    }

    /// <summary>True when the text settles the question: it proves an order, or it is ISO (year first), which has only one.</summary>
    public static bool Settles(string text)
    {
        var s = text.AsSpan().TrimStart();
        return Evidence(text) != 0 || (s.Length >= 5 && char.IsAsciiDigit(s[0]) && char.IsAsciiDigit(s[1]) && char.IsAsciiDigit(s[2]) && char.IsAsciiDigit(s[3]) && s[4] is '-' or '/' or '.');
    }

    public static FlexibleDate Detect(IEnumerable<string> sample)
    {
        int dayFirst = 0, monthFirst = 0;
        bool yearFirst = false, other = false;
        foreach (var text in sample)
        {
            var e = Evidence(text);
            if (e > 0) dayFirst++;
            if (e < 0) monthFirst++;
            var settles = e == 0 && Settles(text);
            yearFirst |= settles;
            other |= e == 0 && !settles && !string.IsNullOrWhiteSpace(text);
        }
        // A file of ISO dates alone has no order to assume: the note said "assumed … choose the order" all the same.
        return new FlexibleDate(monthFirst > dayFirst, dayFirst + monthFirst > 0 || (yearFirst && !other));
    }

    /// <summary>Reads a date as the wall-clock time written (an offset, if any, is not converted to the server's zone).</summary>
    public bool TryParse(string text, out DateTime value)
    {
        var s = text.Trim();
        if (DateTime.TryParseExact(s, _formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value))
        {
            return true;
        }
        if (DateTimeOffset.TryParseExact(s, IsoWithOffset, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var withOffset))
        {
            value = withOffset.DateTime;
            return true;
        }
        // An Excel date serial (days since 1899-12-30), as workbooks and some CSV exports store dates.
        if (s.Length > 0 && char.IsDigit(s[0]) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var serial) && serial is > 20000 and < 80000)
        {
            value = DateTime.FromOADate(serial);
            return true;
        }
        return false;
    }
}
