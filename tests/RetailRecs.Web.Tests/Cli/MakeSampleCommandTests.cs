using System.IO.Compression;
using System.Text;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs make-sample` run as its own process, as whoever regenerates the committed samples would.</summary>
[Trait("Database", "None")]
public class MakeSampleCommandTests
{
    private const string Source = """"
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
        536370,22041,"RECORD FRAME 7"" SINGLE SIZE ",48,2010-12-01 12:27:00,2.1,16210.0,United Kingdom
        536371,21533,"BAKING SET, ""RETRO""",1,2010-12-01 12:43:00,4.95,14180,United Kingdom
        C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom

        """";

    /// <summary>The descriptions were written with the source's quotes kept: "BAKING SET, ""RETRO""" came out tripled.</summary>
    [Fact]
    public async Task MakeSample_MemberDateItem_WritesEachDescriptionAsTheSourceMeansIt()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("source.csv"), Source.ReplaceLineEndings("\n"));

        using var cli = ChildProcess.Start(ChildProcess.Cli, ["make-sample", "--shape", "member-date-item", "--source", "source.csv", "--out", "members.csv.gz"], dir.Path);
        var exit = await cli.WaitForExitAsync(TimeSpan.FromSeconds(120));

        Assert.True(exit == 0, cli.Output);
        using var gzip = new GZipStream(File.OpenRead(dir.File("members.csv.gz")), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        Assert.Equal([
            "Member_number,Date,itemDescription",
            "17850,01-12-2010,WHITE HANGING HEART T-LIGHT HOLDER",
            "16210,01-12-2010,\"RECORD FRAME 7\"\" SINGLE SIZE \"",
            "14180,01-12-2010,\"BAKING SET, \"\"RETRO\"\"\"",
        ], (await reader.ReadToEndAsync()).TrimEnd('\n').Split('\n'));
    }
}
