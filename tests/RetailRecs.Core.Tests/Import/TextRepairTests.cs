using RetailRecs.Core.Import;

namespace RetailRecs.Core.Tests.Import;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class TextRepairTests
{
    [Theory]
    [InlineData("  WHITE  HANGING\tHEART ", "WHITE HANGING HEART")]
    [InlineData("Â£50 GIFT VOUCHER", "£50 GIFT VOUCHER")]
    [InlineData("CAFÃ© SIGN", "CAFé SIGN")]
    [InlineData("   ", null)]
    [InlineData(null, null)]
    public void Clean_ExportText_IsTrimmedFoldedAndRepaired(string? input, string? expected) =>
        Assert.Equal(expected, TextRepair.Clean(input));
}
