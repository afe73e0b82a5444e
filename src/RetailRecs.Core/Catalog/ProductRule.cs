using RetailRecs.Core.Model;

namespace RetailRecs.Core.Catalog;

/// <summary>
/// How a new product is stored, wherever it comes from: a store system's upsert, a catalog file, a transactions import
/// (a sales line's code). A product nobody named is named after its code ("Item 85123A", which ProductText knows as no
/// text) rather than refused, since a sales line cannot be refused for a missing description; its description is the
/// one given, else its name. The transactions import's bulk writers insert the same row in SQL, with the name this
/// rule gives (tests: BulkWriterParityTests).
/// </summary>
public static class ProductRule
{
    public static string NameFor(string sku, string? name) => string.IsNullOrWhiteSpace(name) ? ProductText.PlaceholderName(sku) : name.Trim();

    /// <param name="sku">The code, already trimmed (callers look it up by the same text).</param>
    public static Product New(string sku, string? name, string? description = null) => new()
    {
        Sku = sku,
        Name = NameFor(sku, name),
        Description = description?.Trim() ?? NameFor(sku, name),
        IsNonMerchandise = NonMerchandiseCodes.IsNonMerchandise(sku),
    };
}
