using RetailRecs.Core.Catalog;

namespace RetailRecs.Core.Tests.Catalog;

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
    public void IsNonMerchandise_StockCode_MatchesWhatTheRetailerSells(string sku, bool expected) =>
        Assert.Equal(expected, NonMerchandiseCodes.IsNonMerchandise(sku));
}
