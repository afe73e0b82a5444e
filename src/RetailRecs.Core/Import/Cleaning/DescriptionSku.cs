using RetailRecs.Core.Common;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>
/// The product code of a file without codes (a shop that exports member, date and item name): the normalised name,
/// upper-cased, a long one cut with a hash. Sales and catalog files derive it alike, so a catalog without codes
/// describes the products its shop's sales created.
/// </summary>
public static class DescriptionSku
{
    public static string? Of(string? description)
    {
        if (description is null)
        {
            return null;
        }
        var key = description.ToUpperInvariant();
        return key.Length <= TransactionCleanerLimits.Sku ? key : $"{key[..(TransactionCleanerLimits.Sku - 9)]}~{StableHash.Of(key):X8}";
    }
}
