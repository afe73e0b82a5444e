namespace RetailRecs.Core.Model;

/// <summary>
/// What a product says about itself in words. An export without descriptions names each product after its code
/// ("85123A"): such a name is no text, and text models and automatic categories must not read meaning into it.
/// </summary>
public static class ProductText
{
    /// <summary>Fewer different texts than this and automatic categories (a K-means over the texts) have nothing to group.</summary>
    public const int MinimumForCategories = 10;

    /// <summary>Fewer different texts than this and the text model has nothing to compare (a small catalog with words is fine).</summary>
    public const int MinimumForTextModel = 2;

    private static readonly char[] Separators = [' ', '/', '-', ',', '.', '&', '+', '(', ')', '\'', '_'];

    /// <summary>
    /// True when the name is only the product's code: the import's placeholder "Item 85123A" for a product no line
    /// described, or the code itself without a single word (three letters or more, letters only). A name the import
    /// made the code from ("WHOLE MILK") equals the code too, but has words.
    /// </summary>
    public static bool NameIsOnlyItsCode(string sku, string name)
    {
        var trimmed = name.Trim();
        if (trimmed.StartsWith(Placeholder, StringComparison.OrdinalIgnoreCase)
            && string.Equals(trimmed[Placeholder.Length..].Trim(), sku.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        return string.Equals(sku.Trim(), trimmed, StringComparison.OrdinalIgnoreCase)
            && !trimmed.Split(Separators, StringSplitOptions.RemoveEmptyEntries).Any(t => t.Length >= 3 && t.All(char.IsLetter));
    }

    /// <summary>The import names a product no line described "Item " + its code.</summary>
    private const string Placeholder = "Item ";

    /// <summary>The name of a product nobody named (Catalog.ProductRule gives it).</summary>
    public static string PlaceholderName(string sku) => Placeholder + sku;

    /// <summary>The product's text (name, description, category, brand), or "" when it has none.</summary>
    public static string Of(string sku, string name, string? description, string? category, string? brand) =>
        string.Join(' ', new[] { Words(sku, name), Words(sku, description), category, brand }.Where(s => !string.IsNullOrWhiteSpace(s)));

    // The import copies the placeholder name into the description too: neither is text.
    private static string? Words(string sku, string? text) => text is null || NameIsOnlyItsCode(sku, text) ? null : text;

    /// <summary>Why text models and automatic categories are left out, or null when there is text enough for them.</summary>
    public static string? TooLittle(IEnumerable<string> texts, int minimum)
    {
        var distinct = texts.Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        return distinct >= minimum ? null
            : distinct == 0 ? "the products have no descriptions (only codes), so there is no text to compare"
            : $"only {distinct} different product description{(distinct == 1 ? "" : "s")} (at least {minimum} are needed)";
    }
}
