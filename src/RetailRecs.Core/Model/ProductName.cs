using System.Text;
using System.Text.RegularExpressions;

namespace RetailRecs.Core.Model;

/// <summary>
/// How a product's name is shown, the same everywhere a person reads it (lists, reasons, basket, customer view).
/// Catalogs often keep names in capitals ("WHITE HANGING HEART T-LIGHT HOLDER"): shown as stored they shout, and
/// a plain title case spoils what must stay as it is ("50'S" became "50'S", "3D" "3d", "LED" "Led", "12 PC" "12 Pc").
/// </summary>
public static partial class ProductName
{
    // A name is written in capitals when at least this share of its letters are capitals: one stray lower-case
    // unit ("BAG 125g SWIRLY MARBLES") or typo ("3 TRADITIONAl BISCUIT CUTTERS SET") does not make it mixed case.
    private const double CapitalsShare = 0.8;

    // Kept in capitals: said letter by letter.
    private static readonly HashSet<string> Initialisms = new(StringComparer.Ordinal)
    {
        "LED", "TV", "CD", "DVD", "USB", "UK", "USA", "DIY", "WC", "XL", "XXL", "XS", "PVC", "ABC", "MOP", "UV", "BBQ", "I",
    };

    // Lower case inside a name, as English titles write them.
    private static readonly HashSet<string> SmallWords = new(StringComparer.Ordinal)
    {
        "A", "AN", "AND", "AS", "AT", "BY", "FOR", "IN", "OF", "ON", "OR", "THE", "TO", "WITH",
    };

    /// <summary>
    /// The name as people read it: a name in capitals in title case, with sizes and units as they are written
    /// ("50's", "3D", "60cm", "12 pc", "Set/6"), initialisms kept ("LED", "TV") and small words lower case inside
    /// ("Set of 3 Cake Tins"); a name the catalog already writes in mixed or lower case is shown as written.
    /// </summary>
    public static string Display(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return name ?? "";
        }
        var letters = name.Count(char.IsLetter);
        if (letters == 0 || name.Count(char.IsUpper) < CapitalsShare * letters)
        {
            return name;
        }
        var text = new StringBuilder(name.Length);
        var first = true;
        var afterNumber = false;
        foreach (Match part in Parts().Matches(name))
        {
            var word = part.Value;
            if (!char.IsLetterOrDigit(word[0]))
            {
                text.Append(word);
                continue;
            }
            text.Append(Word(word, first, afterNumber));
            afterNumber = word.All(c => char.IsDigit(c) || c is '.' or ',');
            first = false;
        }
        return text.ToString();
    }

    private static string Word(string word, bool first, bool afterNumber)
    {
        if (word.Any(char.IsLower))
        {
            return word; // written so on purpose: "125g", "No", "40x40cm"
        }
        if (word.Any(char.IsDigit))
        {
            return Measure(word);
        }
        if (Initialisms.Contains(word))
        {
            return word;
        }
        if (afterNumber && Units.IsMatch(word))
        {
            return word.ToLowerInvariant(); // "12 PC" → "12 pc"
        }
        if (!first && SmallWords.Contains(word))
        {
            return word.ToLowerInvariant();
        }
        // "CHILDREN'S" → "Children's", "I'M" → "I'm", "B'FLY" → "B'fly": after an apostrophe, lower case.
        return char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();
    }

    // "50'S" → "50's"; "60CM", "34X20CM", "18PC" → "60cm", "34x20cm", "18pc"; "3D", "A4", "15C" stay as they are.
    private static string Measure(string word)
    {
        var m = Measurement().Match(word);
        if (m.Success)
        {
            return word.ToLowerInvariant();
        }
        return Decade().IsMatch(word) ? word.ToLowerInvariant() : word;
    }

    private static readonly Regex Units = UnitWord();

    [GeneratedRegex(@"[\p{L}\p{N}']+|[^\p{L}\p{N}']+")]
    private static partial Regex Parts();

    [GeneratedRegex(@"^\d+(?:X\d+)*(?:CM|MM|M|ML|CL|L|G|KG|OZ|PC|PCS)$")]
    private static partial Regex Measurement();

    [GeneratedRegex(@"^\d+'S$")]
    private static partial Regex Decade();

    [GeneratedRegex(@"^(?:CM|MM|ML|CL|G|KG|OZ|PC|PCS)$")]
    private static partial Regex UnitWord();
}
