using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Tests.Import.Cleaning;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FlexibleNumberTests
{
    [Theory]
    [InlineData("2.55", false, "2.55")]
    [InlineData(" 6 ", false, "6")]
    [InlineData("-1", false, "-1")]
    [InlineData("1,234.50", false, "1234.50")]
    [InlineData("1,234", false, "1234")]
    [InlineData("1,234,567", false, "1234567")]
    [InlineData("£2.55", false, "2.55")]
    [InlineData("1.5E3", false, "1500")]
    [InlineData("2,55", true, "2.55")]
    [InlineData("1.234,50", true, "1234.50")]
    [InlineData("1.234", true, "1234")]
    [InlineData("2,55 zł", true, "2.55")]
    [InlineData("kr 25,00", true, "25.00")]
    [InlineData("CHF 12.50", false, "12.50")]
    [InlineData("R$ 2,55", true, "2.55")]
    [InlineData("12.50 EUR", false, "12.50")]
    [InlineData("¥1,200", false, "1200")]
    [InlineData("1 234,50 €", true, "1234.50")]
    [InlineData("-£2.55", false, "-2.55")]
    [InlineData("£-2.55", false, "-2.55")]
    [InlineData("- kr 25,00", true, "-25.00")]
    public void TryParseDecimal_InTheFilesStyle_ReadsTheIntendedNumber(string text, bool decimalComma, string expected)
    {
        Assert.True(FlexibleNumber.TryParseDecimal(text, decimalComma, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("", false)]
    [InlineData("six", false)]
    [InlineData("EUR", false)]
    [InlineData("N/A", false)]
    [InlineData("1..2", false)]
    [InlineData("0,125", false)] // not 125: thousands groups never start with a lone zero
    [InlineData("1,23", false)] // a decimal comma in a decimal-point file is an error, not 123
    public void TryParseDecimal_NotANumberInTheFilesStyle_IsRefused(string text, bool decimalComma) =>
        Assert.False(FlexibleNumber.TryParseDecimal(text, decimalComma, out _));

    [Fact]
    public void TryParseInt_Fraction_IsRefused() => Assert.False(FlexibleNumber.TryParseInt("2.5", false, out _));

    [Theory]
    [InlineData(new[] { "2.55", "3.39", "1,234.50" }, false)]
    [InlineData(new[] { "2,55", "3,39", "1.234,50" }, true)]
    [InlineData(new[] { "6", "12", "1" }, false)]
    [InlineData(new[] { "2,55 zł", "kr 3,39", "12,00 €" }, true)]
    public void DetectDecimalComma_Sample_DecidesForTheWholeFile(string[] sample, bool expected) =>
        Assert.Equal(expected, FlexibleNumber.DetectDecimalComma(sample));
}
