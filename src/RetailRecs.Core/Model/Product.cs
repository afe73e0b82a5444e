namespace RetailRecs.Core.Model;

/// <summary>An item of the catalog, identified by its SKU (the stock code of the source system).</summary>
public class Product
{
    public int Id { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public string? Category { get; set; }
    /// <summary>
    /// For a catalog without categories: the cluster of similar descriptions this product fell into when the catalog was
    /// last categorised, named by its top terms (Admins may rename it). <see cref="Category"/> wins when both exist.
    /// </summary>
    public string? AutoCategory { get; set; }
    public string? Brand { get; set; }
    /// <summary>The address of the product's picture (https, or a path on this site); null when the catalog has none.</summary>
    public string? PictureUrl { get; set; }
    /// <summary>The usual selling price; null when no file has priced it yet.</summary>
    public decimal? UnitPrice { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>Postage, fees, manual adjustments: sold on invoices but never recommended.</summary>
    public bool IsNonMerchandise { get; set; }
    /// <summary>
    /// Health, pregnancy, adult and the like: never suggested from other people's behaviour, and suggested to a customer
    /// only when they bought it themselves (Recommendations.Serving.SensitiveProducts).
    /// </summary>
    public bool IsSensitive { get; set; }
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
}
