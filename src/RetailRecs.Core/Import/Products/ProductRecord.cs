namespace RetailRecs.Core.Import.Products;

/// <summary>A product as a catalog file describes it; null fields were not in the file and leave the stored value alone.</summary>
/// <param name="Sensitive">Yes/no from an optional column; null when the file does not say.</param>
/// <param name="NonMerchandise">Yes/no from an optional column (a fee, postage, deposit or voucher); null when the file does not say.</param>
/// <param name="PictureUrl">A usable picture address (<see cref="Catalog.ProductPicture"/>); null when the file gives none.</param>
public sealed record ProductRecord(string Sku, string? Name, string? Category, string? Brand, decimal? UnitPrice, bool? Sensitive = null,
    string? PictureUrl = null, bool? NonMerchandise = null);
