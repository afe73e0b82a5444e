using System.Globalization;
using System.Text;

namespace RetailRecs.Core.Model;

/// <summary>
/// The normalised forms a customer is found by at the counter, stored in indexed columns beside the fields they come from
/// (<see cref="Customer.RefreshSearchKeys"/>), so a lookup is an index range, not a scan of every customer:
/// lower case without accents ("Émile" is found by "emile"), phone numbers as bare digits (reversed, so "the last digits"
/// is a prefix too). The same functions normalise what the associate types.
/// </summary>
public static class SearchKeys
{
    /// <summary>A name: lower case, accents removed, hyphens as spaces, apostrophes and dots dropped ("O'Brien" → "obrien").</summary>
    public static string? Name(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var key = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark || c is '\'' or '’' or '.')
            {
                continue;
            }
            var lower = char.ToLowerInvariant(c);
            if (Letters.GetValueOrDefault(lower) is { } plain)
            {
                key.Append(plain);
                continue;
            }
            var spaced = char.IsWhiteSpace(lower) || lower == '-' ? ' ' : lower;
            if (spaced == ' ' && (key.Length == 0 || key[^1] == ' '))
            {
                continue;
            }
            key.Append(spaced);
        }
        var result = key.ToString().TrimEnd().Normalize(NormalizationForm.FormC);
        return result.Length == 0 ? null : Fit(result);
    }

    /// <summary>
    /// Letters that are not an accent on another (Unicode does not decompose them), as a keyboard without them types
    /// them: "Łukasz" is found by "lukasz", "Søren" by "soren", "Strauß" by "strauss". Migration FoldedNameKeys applies
    /// the same to keys stored before.
    /// </summary>
    public static readonly IReadOnlyDictionary<char, string> Letters = new Dictionary<char, string>
    {
        ['ł'] = "l", ['ø'] = "o", ['đ'] = "d", ['ð'] = "d", ['ı'] = "i", ['ħ'] = "h",
        ['æ'] = "ae", ['œ'] = "oe", ['ß'] = "ss", ['þ'] = "th",
    };

    /// <summary>An e-mail address: trimmed, lower case.</summary>
    public static string? Email(string? text) => string.IsNullOrWhiteSpace(text) ? null : Fit(text.Trim().ToLowerInvariant());

    /// <summary>A loyalty number or code as typed: spaces and hyphens dropped, lower case ("RR 1234-5678" → "rr12345678").</summary>
    public static string? Compact(string? text)
    {
        var compact = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray()).ToLowerInvariant();
        return compact.Length == 0 ? null : Fit(compact);
    }

    /// <summary>
    /// A stored phone number written whole, without the spaces, hyphens, brackets and dots people write it with
    /// ("+44 (0)7700 900135" → "+4407700900135"): a whole number typed at the counter is compared with this exactly.
    /// </summary>
    public static string? PhoneWhole(string? text)
    {
        var kept = new string((text ?? "").Where(c => !char.IsWhiteSpace(c) && c is not ('-' or '(' or ')' or '.')).ToArray());
        return kept.Length == 0 ? null : Fit(kept);
    }

    /// <summary>A phone number's digits, last digit first: "ends with 900135" becomes "starts with 531009".</summary>
    public static string? PhoneDigitsReversed(string? text)
    {
        var digits = (text ?? "").Where(char.IsAsciiDigit).Reverse().ToArray();
        return digits.Length == 0 ? null : Fit(new string(digits));
    }

    /// <summary>
    /// The half-open range [From, To) of every key starting with <paramref name="prefix"/>, for an index seek that works
    /// the same on every provider (LIKE 'x%' uses an index only under particular collations). The columns are compared
    /// ordinally (binary collation, see the provider contexts).
    /// </summary>
    public static (string From, string To) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    /// <summary>The longest key a column holds; a longer one is cut (a prefix of it still finds the customer).</summary>
    public const int MaxLength = 100;

    private static string Fit(string key) => key.Length <= MaxLength ? key : key[..MaxLength];
}
