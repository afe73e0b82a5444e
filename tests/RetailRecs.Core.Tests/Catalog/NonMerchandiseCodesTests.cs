using RetailRecs.Core.Catalog;

namespace RetailRecs.Core.Tests.Catalog;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class NonMerchandiseCodesTests
{
    [Theory]
    [InlineData("POST", true)]
    [InlineData("post", true)]
    [InlineData("BANK CHARGES", true)]
    [InlineData("AMAZONFEE", true)]
    [InlineData("M", true)]
    [InlineData("gift_0001_20", true)]
    [InlineData("85123A", false)]
    [InlineData("DCGSSBOY", false)]
    // A shop without codes: the product's code is its upper-cased name.
    [InlineData("POSTAGE", true)]
    [InlineData("DOTCOMGIFTSHOP GIFT VOUCHER £20.00", true)]
    [InlineData("DELIVERY CHARGE", true)]
    [InlineData("SHOPPING BAGS", true)]
    [InlineData("GIFT CARD HOLDER", false)]
    [InlineData("POSTAGE STAMP ALBUM", false)]
    [InlineData("WHITE HANGING HEART T-LIGHT HOLDER", false)]
    public void IsNonMerchandise_StockCode_MatchesWhatTheRetailerSells(string sku, bool expected) =>
        Assert.Equal(expected, NonMerchandiseCodes.IsNonMerchandise(sku));
}
