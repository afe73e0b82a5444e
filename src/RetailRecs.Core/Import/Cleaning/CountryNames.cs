namespace RetailRecs.Core.Import.Cleaning;

/// <summary>Normalises country names as exports spell them: trimmed, one spelling per country, "Unspecified" as unknown.</summary>
public static class CountryNames
{
    private static readonly Dictionary<string, string?> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["EIRE"] = "Ireland", ["Republic of Ireland"] = "Ireland",
        ["UK"] = "United Kingdom", ["U.K."] = "United Kingdom", ["GB"] = "United Kingdom", ["Great Britain"] = "United Kingdom",
        ["England"] = "United Kingdom", ["Scotland"] = "United Kingdom", ["Wales"] = "United Kingdom", ["Northern Ireland"] = "United Kingdom",
        ["USA"] = "United States", ["US"] = "United States", ["U.S.A."] = "United States", ["United States of America"] = "United States",
        ["RSA"] = "South Africa",
        ["Deutschland"] = "Germany", ["España"] = "Spain", ["Holland"] = "Netherlands", ["The Netherlands"] = "Netherlands",
        ["Unspecified"] = null, ["Unknown"] = null, ["N/A"] = null, ["-"] = null,
    };

    /// <returns>The normalised name (null when the value says "unknown"), and whether it differs from the cleaned input.</returns>
    public static (string? Name, bool Changed) Normalise(string? cleaned)
    {
        if (cleaned is null)
        {
            return (null, false);
        }
        if (Synonyms.TryGetValue(cleaned, out var name))
        {
            return (name, true);
        }
        // ALL CAPS or all lower case becomes Title Case; mixed case is kept as written.
        if (cleaned.Length > 3 && (cleaned == cleaned.ToUpperInvariant() || cleaned == cleaned.ToLowerInvariant()))
        {
            var titled = System.Globalization.CultureInfo.InvariantCulture.TextInfo.ToTitleCase(cleaned.ToLowerInvariant());
            return (titled, titled != cleaned);
        }
        return (cleaned, false);
    }
}
