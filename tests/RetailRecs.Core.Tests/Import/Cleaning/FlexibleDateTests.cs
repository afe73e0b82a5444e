using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Tests.Import.Cleaning;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FlexibleDateTests
{
    [Theory]
    [InlineData("13/12/2010 09:00", 1)]
    [InlineData("12/13/2010 9:00", -1)]
    [InlineData("12/1/2010 8:26", 0)]
    [InlineData("21-07-2015", 1)]
    [InlineData("2010-12-13", 0)]
    public void Evidence_DateText_TellsWhichOrderItProves(string text, int expected) => Assert.Equal(expected, FlexibleDate.Evidence(text));

    [Fact]
    public void Detect_NoEvidence_AssumesDayFirst_AndSaysSo()
    {
        var dates = FlexibleDate.Detect(["1/2/2011", "3/4/2011"]);

        Assert.False(dates.MonthFirst);
        Assert.False(dates.Decided);
        Assert.Contains("assumed", dates.Describe);
    }

    [Fact]
    public void TryParse_IsoWithAnOffset_KeepsTheWallClockTimeWritten()
    {
        var dates = FlexibleDate.Detect([]);

        Assert.True(dates.TryParse("2011-06-01T10:15:00+02:00", out var value));
        Assert.Equal(new DateTime(2011, 6, 1, 10, 15, 0), value);
    }

    /// <summary>Common export shapes whose every row was rejected as an unreadable date.</summary>
    [Theory]
    [InlineData("2011-02-01 08:26:00.000", false)] // SQL Server, MySQL
    [InlineData("2011/02/01 08:26", false)]
    [InlineData("2011/02/01", false)]
    [InlineData("2/1/2011 8:26:00 AM", true)] // .NET and Excel, en-US
    [InlineData("1/2/2011 8:26 AM", false)]
    [InlineData("2-1-2011 08:26:00", true)] // month first with dashes and seconds
    [InlineData("2-1-2011 8:26 AM", true)]
    [InlineData("2.1.2011 08:26", true)] // month first with points
    [InlineData("2.1.2011", true)]
    [InlineData("01.02.2011 08:26:00", false)]
    [InlineData("1/2/11 8:26:00", false)]
    [InlineData("2/1/11 8:26 AM", true)]
    [InlineData("20110201", false)] // compact: SAP, tills
    [InlineData("20110201 08:26:00", true)]
    [InlineData("2011-02-01T08:26", false)] // ISO without seconds
    [InlineData("01-Feb-2011", true)] // the month by name: one order whatever the file's
    [InlineData("1 Feb 2011 08:26", false)]
    [InlineData("1 February 2011", true)]
    [InlineData("Feb 1, 2011 08:26:00", false)]
    [InlineData("2011/2/1 8:26", true)] // year first without leading zeros: Japanese and Chinese Excel
    [InlineData("2011-2-1", false)]
    [InlineData("2011-02-01 8:26:00", false)]
    [InlineData("2011.2.1 8:26 AM", true)]
    public void TryParse_TimestampsOfOtherExports_AreRead(string text, bool monthFirst)
    {
        var dates = FlexibleDate.Detect(monthFirst ? ["12/13/2010"] : ["13/12/2010"]);

        Assert.True(dates.TryParse(text, out var value), text);
        Assert.Equal(new DateTime(2011, 2, 1), value.Date);
        Assert.Equal(text.Contains("08:26") || text.Contains(" 8:26") ? new TimeSpan(8, 26, 0) : TimeSpan.Zero, value.TimeOfDay);
    }

    [Fact]
    public void TryParse_AfternoonIn12HourTime_IsAfterNoon() =>
        Assert.Equal(new DateTime(2010, 12, 1, 20, 5, 0), FlexibleDate.Detect(["12/13/2010"]).TryParse("12/1/2010 8:05:00 PM", out var value) ? value : default);

    [Fact]
    public void TryParse_ExcelSerial_IsADate()
    {
        Assert.True(FlexibleDate.Detect([]).TryParse("40513.35", out var value));
        Assert.Equal(new DateTime(2010, 12, 1), value.Date);
    }
}
