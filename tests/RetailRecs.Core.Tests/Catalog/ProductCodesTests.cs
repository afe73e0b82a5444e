using RetailRecs.Core.Catalog;

namespace RetailRecs.Core.Tests.Catalog;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ProductCodesTests
{
    [Theory]
    [InlineData("WHOLE MILK", "whole milk", null)]
    [InlineData("85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "85123A")]
    [InlineData("A VERY LONG NAME THAT WAS SH~1A2B3C4D", "a very long name that was shortened by the import", null)]
    [InlineData("MILK", "whole milk", "MILK")]
    public void Shown_CodeMadeFromTheName_IsNotShownAgain(string sku, string name, string? shown) =>
        Assert.Equal(shown, ProductCodes.Shown(sku, name));
}
