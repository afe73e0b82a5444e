namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// A customer code as imports store it: spreadsheets export numeric ids as "17850.0", and codes compare without case.
/// Written once for the transaction and customer cleaners and for the check that withholds an erased customer's rows.
/// </summary>
public static class ImportedCustomerCode
{
    /// <param name="cell">The cell's trimmed, non-empty text.</param>
    public static string Of(string cell) => Model.RetailCode.Of(cell.EndsWith(".0", StringComparison.Ordinal) ? cell[..^2] : cell);

    /// <summary>True when <paramref name="cell"/> stands for no customer (<see cref="Model.CustomerCodePlaceholders"/>).</summary>
    public static bool IsPlaceholder(string cell) => Model.CustomerCodePlaceholders.Is(cell);
}
