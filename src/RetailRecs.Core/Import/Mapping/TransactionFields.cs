namespace RetailRecs.Core.Import.Mapping;

/// <summary>The canonical fields of a transactions file. Only a date is required: see the README for what the importer does when others are missing.</summary>
public static class TransactionFields
{
    public const string InvoiceNo = "InvoiceNo";
    public const string StockCode = "StockCode";
    public const string Description = "Description";
    public const string Quantity = "Quantity";
    public const string InvoiceDate = "InvoiceDate";
    public const string UnitPrice = "UnitPrice";
    public const string CustomerId = "CustomerID";
    public const string Country = "Country";

    public static readonly IReadOnlyList<CanonicalField> All =
    [
        new(InvoiceNo, "invoice or receipt number; lines with the same number form one basket", false,
            "Invoice", "InvoiceNumber", "Invoice No", "Receipt", "ReceiptNo", "OrderId", "Order ID", "OrderNumber", "TransactionId", "BillNo"),
        new(StockCode, "product code (SKU)", false,
            "SKU", "Stock Code", "ProductCode", "Product ID", "ProductId", "ItemCode", "Item ID", "ItemId", "Article", "ArticleNumber"),
        new(Description, "product name or description", false,
            "itemDescription", "Item Description", "ProductName", "Product Name", "Product", "ItemName", "Item", "Name", "Title"),
        new(Quantity, "units bought; negative for a return", false, "Qty", "Units", "Quantity Sold", "Count"), // not "Amount": in most exports that is money
        new(InvoiceDate, "date and time of the sale", true, "Date", "InvoiceDateTime", "OrderDate", "Order Date", "Timestamp", "TransactionDate", "SaleDate", "DateTime"),
        // Not "UnitCost": a cost is what the shop paid, and beside a selling price it was taken as the price.
        new(UnitPrice, "price of one unit", false, "Price", "Unit Price", "SellingPrice", "Sale Price", "ItemPrice", "RetailPrice", "UnitSellingPrice"),
        new(CustomerId, "the customer's id; empty for a guest", false,
            "Customer ID", "Customer_ID", "Customer", "CustomerNo", "CustomerNumber", "Member_number", "MemberNumber", "MemberId", "ClientId", "LoyaltyId", "UserId"),
        new(Country, "country of the customer or store", false, "Region", "CountryName", "Market"),
    ];
}
