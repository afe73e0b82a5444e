using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Tests.Import.Cleaning;

public class FlexibleNumberTests
{
    [Theory]
    [InlineData("2.55", "2.55")]
    [InlineData(" 6 ", "6")]
    [InlineData("-1", "-1")]
    [InlineData("1,234.50", "1234.50")]
    [InlineData("1.234,50", "1234.50")]
    [InlineData("1,234", "1234")]
    [InlineData("1,234,567", "1234567")]
    [InlineData("2,55", "2.55")]
    [InlineData("£2.55", "2.55")]
    [InlineData("1.5E3", "1500")]
    public void TryParseDecimal_ExportSpellings_ReadTheIntendedNumber(string text, string expected)
    {
        Assert.True(FlexibleNumber.TryParseDecimal(text, out var value));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("six")]
    [InlineData("1..2")]
    public void TryParseDecimal_NotANumber_IsRefused(string text) => Assert.False(FlexibleNumber.TryParseDecimal(text, out _));

    [Fact]
    public void TryParseInt_Fraction_IsRefused() => Assert.False(FlexibleNumber.TryParseInt("2.5", out _));
}
