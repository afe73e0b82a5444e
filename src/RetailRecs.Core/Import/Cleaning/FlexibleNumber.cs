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
    public static bool DetectDecimalComma(IEnumerable<string> sample)
    {
        int comma = 0, point = 0;
        foreach (var raw in sample)
        {
            var s = raw.Trim();
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
        return comma > point;
    }

    public static bool TryParseDecimal(string text, bool decimalComma, out decimal value)
    {
        var s = text.Trim().Trim('£', '€', '$', '\u00A0').Replace(" ", "").Replace("\u00A0", "");
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
