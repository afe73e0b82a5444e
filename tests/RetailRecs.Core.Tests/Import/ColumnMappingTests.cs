using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Mapping;

namespace RetailRecs.Core.Tests.Import;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ColumnMappingTests
{
    private static ColumnMapping Map(string header, Dictionary<string, string>? overrides = null) =>
        ColumnMapping.Create(header.Split(','), TransactionFields.All, overrides);

    [Theory]
    [InlineData("InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country")]
    [InlineData("Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country")]
    [InlineData("invoice_no,stock_code,description,quantity,invoice_date,unit_price,customer_id,country")]
    public void Create_KnownHeaderVariants_MapEveryField(string header)
    {
        var mapping = Map(header);

        Assert.All(TransactionFields.All, f => Assert.True(mapping.Has(f.Name), f.Name));
    }

    [Theory]
    [InlineData("Date,Item,Qty,Unit Cost,Selling Price", "Selling Price")]
    [InlineData("Date,Item,Qty,Selling Price,Unit Cost", "Selling Price")]
    [InlineData("Date,Item,Qty,UnitCost", null)]
    public void Create_CostBesideAPrice_TheSellingPriceIsThePrice_ACostIsNever(string header, string? price)
    {
        var mapping = Map(header);

        Assert.Equal(price, mapping.Describe().GetValueOrDefault(TransactionFields.UnitPrice));
    }

    [Fact]
    public void Create_Override_MovesAFieldToAnotherColumn()
    {
        var mapping = Map("Receipt,Date,Shopper,Loyalty Card", new() { ["Loyalty Card"] = "CustomerID" });

        Assert.Equal("Loyalty Card", mapping.Describe()["CustomerID"]);
        Assert.Equal("Receipt", mapping.Describe()["InvoiceNo"]);
    }

    [Fact]
    public void Create_OverrideToUnknownField_ListsTheFields()
    {
        var error = Assert.Throws<ImportException>(() => Map("Receipt,Date", new() { ["Receipt"] = "Basket" }));

        Assert.Contains("InvoiceNo, StockCode", error.Message);
    }

    [Fact]
    public void Create_OverrideWithEmptyField_IgnoresThatColumn()
    {
        var mapping = Map("InvoiceNo,InvoiceDate,Description", new() { ["Description"] = "" });

        Assert.False(mapping.Has("Description"));
        Assert.True(mapping.Has("InvoiceNo"));
    }
}
