namespace RetailRecs.Core.Model;

/// <summary>
/// A retailer's own code (SKU, customer code, invoice number) as stored: trimmed and compared without case. Imports
/// and the API write it the same way, so a till sending "85123a" or "c1042" finds what an export stored as "85123A"
/// and "C1042" rather than creating a second product or customer (or, for an invoice, a second copy of the sale).
/// </summary>
public static class RetailCode
{
    public static string Of(string text) => text.Trim().ToUpperInvariant();

    public static string? OrNull(string? text) => text is null ? null : Of(text);
}
