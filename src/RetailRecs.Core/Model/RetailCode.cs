namespace RetailRecs.Core.Model;

/// <summary>
/// A retailer's own code (SKU, customer code, invoice number) as the imports store it: trimmed and upper-cased, so a
/// file's "85123a" is the "85123A" of the month before. The API still stores and matches codes as sent (trimmed):
/// matching it to the imports' form needs the codes it stored in another case converted first, or an erased
/// customer's lower-case code would no longer be recognised (see the README, "API for store systems").
/// </summary>
public static class RetailCode
{
    public static string Of(string text) => text.Trim().ToUpperInvariant();

    public static string? OrNull(string? text) => text is null ? null : Of(text);
}
