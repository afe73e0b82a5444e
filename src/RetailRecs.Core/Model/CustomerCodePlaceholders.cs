namespace RetailRecs.Core.Model;

/// <summary>
/// What databases and tills write for "no customer" (SQL Server Management Studio's NULL, MySQL's \N, a walk-in's 0 or
/// -1). Read as a code, every walk-in sale became one customer's, whose card, segment and neighbours it skewed; the
/// imports read it as no customer, and the privacy matching of rejected rows as no code (a row naming nobody by it).
/// </summary>
public static class CustomerCodePlaceholders
{
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "0", "-1", "NULL", "(null)", "\\N", "N/A", "#N/A", "NA", "NaN", "None", "-", "Unknown",
    };

    /// <summary>True when <paramref name="cell"/> (trimmed, non-empty) stands for no customer rather than naming one ("0.0" as Excel writes 0 too).</summary>
    public static bool Is(string cell) => Placeholders.Contains(cell.EndsWith(".0", StringComparison.Ordinal) ? cell[..^2] : cell);
}
