namespace RetailRecs.Core.Model;

/// <summary>
/// A retailer's own code (SKU, customer code, invoice number) as the imports store it: trimmed and upper-cased, so a
/// file's "85123a" is the "85123A" of the month before. The API still stores codes as sent (trimmed); a customer code
/// it is sent is looked up as sent, then in this form (Customers.CustomerCodeMatch), and an erasure's key is of this
/// form (see the README, "API for store systems").
/// </summary>
public static class RetailCode
{
    public static string Of(string text) => text.Trim().ToUpperInvariant();

    public static string? OrNull(string? text) => text is null ? null : Of(text);
}
