namespace RetailRecs.Core.Import.Mapping;

/// <summary>The canonical fields of a catalog (products) file. Names match the transactions file where they mean the same.</summary>
public static class ProductFields
{
    public const string StockCode = TransactionFields.StockCode;
    public const string Description = TransactionFields.Description;
    public const string Category = "Category";
    public const string Brand = "Brand";
    public const string UnitPrice = TransactionFields.UnitPrice;
    /// <summary>Yes: a sensitive product (health, pregnancy, adult, ...), never suggested from other people's purchases.</summary>
    public const string Sensitive = "Sensitive";
    /// <summary>Yes: a fee, postage, deposit or voucher line, not goods: never suggested, never a top product or category.</summary>
    public const string NonMerchandise = "NonMerchandise";
    /// <summary>The address of the product's picture (https, or a path on the app's site).</summary>
    public const string Picture = "Picture";

    public static readonly IReadOnlyList<CanonicalField> All =
    [
        new(StockCode, "product code (SKU): the product's identity (without it, the name is)", false,
            "SKU", "Stock Code", "ProductCode", "Product ID", "ProductId", "ItemCode", "Item ID", "ItemId", "Article", "ArticleNumber"),
        new(Description, "product name or description", false,
            "Name", "ProductName", "Product Name", "Title", "itemDescription", "Item Description", "ItemName"),
        new(Category, "category or department", false, "ProductCategory", "Department", "Dept", "Group", "ProductGroup", "Section", "Family"),
        new(Brand, "brand or maker", false, "Manufacturer", "Make", "Vendor", "Label"),
        new(UnitPrice, "usual selling price of one unit", false, "Price", "Unit Price", "RRP", "SellingPrice", "RetailPrice", "ListPrice"),
        new(Sensitive, "yes for a sensitive product (health, pregnancy, adult): never suggested from other people's purchases", false,
            "IsSensitive", "SensitiveProduct", "Sensitive Item", "DoNotRecommend"),
        new(NonMerchandise, "yes for a fee, postage, deposit or voucher line (not goods): never suggested, never a top product", false,
            "Non Merchandise", "Non-Merchandise", "IsNonMerchandise", "NonMerch", "IsFee", "FeeItem"),
        new(Picture, "address of the product's picture (https://…), shown to customers", false,
            "PictureUrl", "Picture URL", "Image", "ImageUrl", "Image URL", "ImageLink", "Image Link", "Photo", "PhotoUrl", "Thumbnail"),
    ];
}
