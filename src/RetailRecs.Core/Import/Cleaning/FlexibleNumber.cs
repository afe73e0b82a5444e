using System.Globalization;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// Reads numbers as exports write them: "1,234.50", "1.234,50", "£2.55", " 6 ". The last separator followed by
/// one or two digits (or any digits when both separators appear) is the decimal point; the others group thousands.
/// </summary>
public static class FlexibleNumber
{
    public static bool TryParseDecimal(string text, out decimal value)
    {
        value = 0;
        var s = text.Trim().Trim('£', '€', '$', ' ', '\u00A0');
        if (s.Length == 0)
        {
            return false;
        }
        if (decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return true;
        }
        var lastComma = s.LastIndexOf(',');
        var lastDot = s.LastIndexOf('.');
        string normalised;
        if (lastComma >= 0 && lastDot >= 0)
        {
            // Both present: whichever comes last is the decimal separator.
            normalised = lastComma > lastDot
                ? s.Replace(".", "").Replace(',', '.')
                : s.Replace(",", "");
        }
        else if (lastComma >= 0)
        {
            // Only commas: "1,234" and "1,234,567" group thousands; "2,55" is a decimal comma.
            var digitsAfter = s.Length - lastComma - 1;
            normalised = digitsAfter == 3 && s.Count(c => c == ',') >= 1 && IsGrouped(s, ',')
                ? s.Replace(",", "")
                : s.Replace(',', '.');
        }
        else
        {
            normalised = IsGrouped(s, '.') && s.Count(c => c == '.') > 1 ? s.Replace(".", "") : s.Replace(" ", "");
        }
        return decimal.TryParse(normalised.Replace(" ", "").Replace("\u00A0", ""), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint,
            CultureInfo.InvariantCulture, out value);
    }

    public static bool TryParseInt(string text, out int value)
    {
        value = 0;
        if (!TryParseDecimal(text, out var d) || d != decimal.Truncate(d) || d > int.MaxValue || d < int.MinValue)
        {
            return false;
        }
        value = (int)d;
        return true;
    }

    /// <summary>True when every group after the first separator has exactly three digits ("1,234,567").</summary>
    private static bool IsGrouped(string s, char separator)
    {
        var parts = s.TrimStart('-', '+').Split(separator);
        return parts.Length > 1 && parts[0].Length is >= 1 and <= 3 && parts[0].All(char.IsDigit)
            && parts.Skip(1).All(p => p.Length == 3 && p.All(char.IsDigit));
    }
}
