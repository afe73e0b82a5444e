using RetailRecs.Core.Import;

namespace RetailRecs.Core.Tests.Import;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class RejectedRowsCsvTests
{
    [Fact]
    public void JoinThenSplit_CellsWithCommasQuotesAndNewlines_RoundTrip()
    {
        string[] cells = ["536365", "SET, OF 3", "7\" FRAME", "line\nbreak", ""];

        Assert.Equal(cells, RejectedRowsCsv.Split(RejectedRowsCsv.Join(cells, 4000)));
    }

    [Theory]
    [InlineData("=SUM(A1:A2)", "'=SUM(A1:A2)")]
    [InlineData("+44 20", "'+44 20")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("x;=1+1", "\"x;=1+1\"")] // one cell where ";" separates the list, too
    public void Cell_FormulaLikeOrSpecial_IsNeutralisedAndQuoted(string value, string expected) =>
        Assert.Equal(expected, RejectedRowsCsv.Cell(value));
}
