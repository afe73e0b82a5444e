namespace RetailRecs.Core.Import.Cleaning;

/// <summary>Reads a yes/no cell (consent, opt-out, sensitive) as the exports write it; anything else is not a guess.</summary>
internal static class YesNo
{
    public static bool? Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "yes" or "y" or "true" or "1" or "x" or "ja" or "oui" => true,
        "no" or "n" or "false" or "0" or "nein" or "non" => false,
        _ => null,
    };

    /// <summary>The value, or null with the row reported when the cell holds something else.</summary>
    public static bool? Read(string? text, CleaningReport report, int rowNumber)
    {
        var value = Parse(text);
        if (text is not null && value is null)
        {
            report.Applied(CleaningRules.UnreadableYesNo, $"row {rowNumber}: '{(text.Length > 20 ? text[..20] + "…" : text)}'");
        }
        return value;
    }
}
