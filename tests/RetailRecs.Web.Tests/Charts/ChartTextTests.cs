using System.Text.Json;
using RetailRecs.Web.Components.Charts;

namespace RetailRecs.Web.Tests.Charts;

[Trait("Database", "None")]
public class ChartTextTests
{
    [Theory]
    [InlineData("<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;")]
    [InlineData("Mugs & Jugs", "Mugs &amp; Jugs")]
    [InlineData("\"quoted\" 'single'", "&quot;quoted&quot; &#39;single&#39;")]
    [InlineData("&lt; already an entity", "&amp;lt; already an entity")]
    [InlineData("Crème brûlée £5 – 50%", "Crème brûlée £5 – 50%")]
    public void Encode_Text_EncodesTheFiveHtmlCharactersOnly(string text, string expected) =>
        Assert.Equal(expected, ChartText.Encode(text));

    [Fact]
    public void EncodePoint_HeatmapCellAndScatterPoint_EncodesTheirStrings_AndKeepsFiguresAsNumbers()
    {
        var cell = JsonSerializer.SerializeToElement(ChartText.EncodePoint(new { x = "<b>Mon</b>", y = 12.5 }));
        var point = JsonSerializer.SerializeToElement(ChartText.EncodePoint(new object[] { 1.5, "<i>", new[] { "a&b" } }));

        Assert.Equal("&lt;b&gt;Mon&lt;/b&gt;", cell.GetProperty("x").GetString());
        Assert.Equal(12.5, cell.GetProperty("y").GetDouble());
        Assert.Equal(1.5, point[0].GetDouble());
        Assert.Equal("&lt;i&gt;", point[1].GetString());
        Assert.Equal("a&amp;b", point[2][0].GetString());
    }

    [Fact]
    public void EncodePoint_ApexPoint_SentAsTheLowerCaseXAndYApexChartsReads_AnEmptyCellAsNull()
    {
        var cells = new[] { new ApexPoint("+0", 50), new ApexPoint("09h", null) }.Select(p => JsonSerializer.SerializeToElement(ChartText.EncodePoint(p))).ToList();

        Assert.All(cells, c => Assert.Equal(["x", "y"], c.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(("+0", 50.0), (cells[0].GetProperty("x").GetString(), cells[0].GetProperty("y").GetDouble()));
        Assert.Equal(("09h", JsonValueKind.Null), (cells[1].GetProperty("x").GetString(), cells[1].GetProperty("y").ValueKind));
    }

    [Fact]
    public void EncodePoint_PlainFigure_IsReturnedAsItIs()
    {
        Assert.Equal(42m, ChartText.EncodePoint(42m));
        Assert.Null(ChartText.EncodePoint(null));
        Assert.Equal("&lt;", ChartText.EncodePoint("<"));
    }
}
