namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// A customer code as imports store it: spreadsheets export numeric ids as "17850.0", and codes compare without case.
/// Written once for the transaction and customer cleaners and for the check that withholds an erased customer's rows.
/// </summary>
public static class ImportedCustomerCode
{
    /// <param name="cell">The cell's trimmed, non-empty text.</param>
    public static string Of(string cell) => Model.RetailCode.Of(cell.EndsWith(".0", StringComparison.Ordinal) ? cell[..^2] : cell);

    /// <summary>
    /// What databases and tills write for "no customer" (SQL Server Management Studio's NULL, MySQL's \N, a walk-in's 0
    /// or -1): read as a code, every walk-in sale became one customer's, whose card, segment and neighbours it skewed.
    /// </summary>
    private static readonly HashSet<string> Placeholders = new(StringComparer.OrdinalIgnoreCase)
    {
        "0", "-1", "NULL", "(null)", "\\N", "N/A", "#N/A", "NA", "NaN", "None", "-", "Unknown",
    };

    /// <summary>True when <paramref name="cell"/> (trimmed, non-empty) stands for no customer rather than naming one.</summary>
    public static bool IsPlaceholder(string cell) => Placeholders.Contains(cell.EndsWith(".0", StringComparison.Ordinal) ? cell[..^2] : cell);
}
