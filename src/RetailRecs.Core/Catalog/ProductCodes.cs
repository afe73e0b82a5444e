namespace RetailRecs.Core.Catalog;

/// <summary>
/// Product codes that say nothing the name does not: an export without codes identifies each product by its normalised
/// description (the import upper-cases it, and shortens a long one with a hash), so "whole milk" gets the code
/// "WHOLE MILK". Pages show such a product by its name once, not "whole milk WHOLE MILK".
/// </summary>
public static class ProductCodes
{
    public static bool IsMadeFromName(string sku, string name)
    {
        if (string.Equals(sku, name.Trim(), StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        // A long description: its first characters, "~" and 8 hex digits of its hash.
        var tilde = sku.LastIndexOf('~');
        return tilde > 0 && sku.Length - tilde == 9 && name.Trim().StartsWith(sku[..tilde], StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>The code to show beside the name, or null when it is only the name again.</summary>
    public static string? Shown(string sku, string name) => IsMadeFromName(sku, name) ? null : sku;
}
