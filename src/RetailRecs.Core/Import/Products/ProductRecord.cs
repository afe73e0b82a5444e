namespace RetailRecs.Core.Import.Products;

/// <summary>A product as a catalog file describes it; null fields were not in the file and leave the stored value alone.</summary>
public sealed record ProductRecord(string Sku, string? Name, string? Category, string? Brand, decimal? UnitPrice);
