namespace RetailRecs.Core.Import.Tabular;

/// <summary>
/// A file's column names made usable: exports repeat names ("Notes", "Notes") and leave blank ones (a spreadsheet's
/// trailing empty columns); columns are chosen by name on the upload page, so every name must be distinct.
/// </summary>
internal static class HeaderNames
{
    /// <summary>Trimmed (and a byte-order mark dropped); a blank name becomes "Column N", a repeated one "Name (2)".</summary>
    public static string[] Distinct(IReadOnlyList<string> raw)
    {
        var names = new string[raw.Count];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < raw.Count; i++)
        {
            var name = WithoutByteOrderMark(raw[i].Trim(), i).Trim();
            if (name.Length == 0)
            {
                name = $"Column {i + 1}";
            }
            var candidate = name;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{name} ({n})";
            }
            names[i] = candidate;
        }
        return names;
    }

    /// <summary>True for the name a blank header cell was given.</summary>
    public static bool IsUnnamed(string name, int index) => name == $"Column {index + 1}";

    // Read as Windows-1252 (after a UTF-8 guess failed further on), a UTF-8 mark is "ï»¿" before the first name.
    private static string WithoutByteOrderMark(string name, int index) =>
        index > 0 ? name : name.TrimStart('\uFEFF') is var trimmed && trimmed.StartsWith("ï»¿", StringComparison.Ordinal) ? trimmed[3..] : trimmed;
}
