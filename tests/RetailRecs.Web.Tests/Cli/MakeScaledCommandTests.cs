using System.IO.Compression;
using System.Text;
using RetailRecs.Testing;
using RetailRecs.Web.Tests.Hosting;

namespace RetailRecs.Web.Tests.Cli;

/// <summary>`retailrecs make-scaled` run as its own process, as someone reproducing the growth figures would.</summary>
[Trait("Database", "None")]
public class MakeScaledCommandTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    private const string Source = """"
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850,United Kingdom
        536370,POST,POSTAGE,3,12/1/2010 8:45,18,12583.0,France
        C536379,D,Discount,-1,12/1/2010 9:41,27.5,14527,United Kingdom
        536414,22139,,56,12/1/2010 11:52,0,,United Kingdom
        536520,21533,"BAKING SET, ""RETRO""",1,12/1/2010 12:43,4.95,,United Kingdom

        """";

    [Fact]
    public async Task MakeScaled_ThreeTimes_SourceThenTwoStoresOfTheirOwn_SameBytesEveryRun()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("source.csv"), Source.ReplaceLineEndings("\n"));

        var (exit, output) = await RunAsync(dir, "make-scaled", "--source", "source.csv", "--times", "3", "--out", "scaled.csv.gz");
        var (again, _) = await RunAsync(dir, "make-scaled", "--source", "source.csv", "--times", "3", "--out", "again.csv.gz");

        Assert.True(exit == 0, output);
        Assert.Contains("Wrote 15 rows (3 × the source)", output, StringComparison.Ordinal);
        var lines = Unzip(dir.File("scaled.csv.gz")).Split('\n');
        Assert.Equal(Source.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n'), lines[..6]);
        Assert.Equal([
            "1536365,85123A-1,WHITE HANGING HEART T-LIGHT HOLDER 1,6,12/1/2010 8:26,2.55,117850,United Kingdom",
            "1536370,POST,POSTAGE 1,3,12/1/2010 8:45,18,112583,France",
            "C1536379,D,Discount 1,-1,12/1/2010 9:41,27.5,114527,United Kingdom",
            "1536414,22139-1,,56,12/1/2010 11:52,0,,United Kingdom",
            "1536520,21533-1,\"BAKING SET, \"\"RETRO\"\" 1\",1,12/1/2010 12:43,4.95,,United Kingdom",
            "2536365,85123A-2,WHITE HANGING HEART T-LIGHT HOLDER 2,6,12/1/2010 8:26,2.55,217850,United Kingdom",
        ], lines[6..12]);
        Assert.Equal(16, lines.Length - 1); // header, 15 rows, the final line break
        Assert.Equal(Unzip(dir.File("scaled.csv.gz")), Unzip(dir.File("again.csv.gz")));
        Assert.Equal(0, again);
    }

    [Fact]
    public async Task MakeScaled_MissingSourceOrTimes_SaysWhatIsNeededAndWritesNothing()
    {
        using var dir = new TempDirectory();

        var (noTimes, noTimesOutput) = await RunAsync(dir, "make-scaled", "--source", "x.csv", "--times", "0", "--out", "x.csv.gz");
        var (noSource, noSourceOutput) = await RunAsync(dir, "make-scaled", "--source", "missing.csv", "--times", "2", "--out", "x.csv.gz");

        Assert.Equal((2, 1), (noTimes, noSource));
        Assert.Contains("make-scaled needs --source FILE, --times N (N >= 1) and --out FILE.csv.gz.", noTimesOutput, StringComparison.Ordinal);
        Assert.Contains("The file 'missing.csv' was not found.", noSourceOutput, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.File("x.csv.gz")));
    }

    private static string Unzip(string path)
    {
        using var gzip = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(TempDirectory dir, params string[] args)
    {
        using var cli = ChildProcess.Start(ChildProcess.Cli, args, dir.Path);
        var exit = await cli.WaitForExitAsync(Patience);
        return (exit, cli.Output);
    }
}
