using System.Globalization;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// Reads numbers as exports write them: "1,234.50" or "1.234,50", "£2.55", " 6 ". Which of comma and point is the
/// decimal separator is decided once per file (<see cref="DetectDecimalComma"/>), never guessed cell by cell, so
/// "1.234" means the same in every row of a file.
/// </summary>
public static class FlexibleNumber
{
    private const NumberStyles Style = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands | NumberStyles.AllowExponent;
    private static readonly NumberFormatInfo PointFormat = new() { NumberDecimalSeparator = ".", NumberGroupSeparator = ",", NegativeSign = "-" };
    private static readonly NumberFormatInfo CommaFormat = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };

    /// <summary>
    /// True when the sample writes decimals with a comma: a comma followed by one or two final digits ("2,55") or a
    /// point before a comma ("1.234,50") outnumber the opposite signs ("2.55", "1,234.50").
    /// </summary>
    public static bool DetectDecimalComma(IEnumerable<string> sample) => Detect(sample).DecimalComma;

    /// <summary>
    /// The same, and whether anything proved it: "75.000" or "12,500" (three digits after the only separator) reads
    /// either way — seventy-five with three decimals, or 75 000 in a currency without cents — so it proves nothing.
    /// </summary>
    public static (bool DecimalComma, bool Decided) Detect(IEnumerable<string> sample)
    {
        int comma = 0, point = 0;
        foreach (var raw in sample)
        {
            var s = WithoutCurrency(raw);
            var lastComma = s.LastIndexOf(',');
            var lastPoint = s.LastIndexOf('.');
            if (lastComma >= 0 && lastPoint >= 0)
            {
                if (lastComma > lastPoint) comma++; else point++;
            }
            else if (lastComma >= 0 && s.Length - lastComma - 1 is 1 or 2)
            {
                comma++;
            }
            else if (lastPoint >= 0 && s.Length - lastPoint - 1 is 1 or 2)
            {
                point++;
            }
        }
        return (comma > point, comma + point > 0);
    }

    public static bool TryParseDecimal(string text, bool decimalComma, out decimal value)
    {
        var s = WithoutCurrency(text).Replace(" ", "").Replace("\u00A0", "").Replace("\u202F", "");
        value = 0;
        if (s.Length == 0 || !char.IsAsciiDigit(s[^1]))
        {
            return false;
        }
        // Thousands groups must be groups of three digits; "0,125" in a decimal-point file is not 125.
        var group = decimalComma ? '.' : ',';
        var decimalSeparator = decimalComma ? ',' : '.';
        if (s.Contains(group))
        {
            var integerPart = s.Split(decimalSeparator)[0].TrimStart('-', '+');
            var groups = integerPart.Split(group);
            if (groups[0].Length is < 1 or > 3 || groups[0] == "0" || groups.Skip(1).Any(g => g.Length != 3))
            {
                return false;
            }
        }
        return decimal.TryParse(s, Style, decimalComma ? CommaFormat : PointFormat, out value);
    }

    /// <summary>
    /// The number without the currency written around it, as each country's exports write it: "£2.55", "2,55 zł",
    /// "kr 25,00", "CHF 12.50", "R$ 2,55", "12.50 EUR", "¥1,200". Before 2026-12-06 only £, € and $ were understood
    /// and every price of a Polish, Nordic, Swiss or Japanese export was rejected as unreadable.
    /// </summary>
    internal static string WithoutCurrency(string text)
    {
        var s = text.AsSpan();
        static bool Around(char c) => char.IsWhiteSpace(c) || char.IsLetter(c) || char.GetUnicodeCategory(c) == UnicodeCategory.CurrencySymbol;
        while (s.Length > 0 && Around(s[0])) s = s[1..];
        while (s.Length > 0 && Around(s[^1])) s = s[..^1];
        // A sign written before the symbol ("-£2.55", "- kr 25") stays with the number; one after it ("£-2.55") already does.
        if (s.Length > 1 && s[0] is '-' or '+' && Around(s[1]))
        {
            var rest = s[1..];
            while (rest.Length > 0 && Around(rest[0])) rest = rest[1..];
            return string.Concat(s[..1], rest);
        }
        return s.ToString();
    }

    public static bool TryParseInt(string text, bool decimalComma, out int value)
    {
        value = 0;
        if (!TryParseDecimal(text, decimalComma, out var d) || d != decimal.Truncate(d) || d > int.MaxValue || d < int.MinValue)
        {
            return false;
        }
        value = (int)d;
        return true;
    }
}
