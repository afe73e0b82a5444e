using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Import;
using RetailRecs.Core.Import.Transactions;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// A small upload cannot cost the server without bound: compressed files unpack only so far, and a file of millions of
/// bad rows keeps a bounded sample of them (every one counted).
/// </summary>
public class ImportLimitsTests : IAsyncLifetime
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private ImportFixture _f = null!;

    private ImportOptions Limits => _f.Database.Get<IOptions<ImportOptions>>().Value;

    public async Task InitializeAsync() => _f = await ImportFixture.CreateAsync();

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private static string ZeroQuantityRows(int count, int firstInvoice = 600000)
    {
        var text = new StringBuilder(Header);
        for (var i = 0; i < count; i++)
        {
            text.Append(firstInvoice + i).Append(",85123A,WHITE HANGING HEART T-LIGHT HOLDER,0,2010-12-01 08:26:00,2.55,17850,United Kingdom\n");
        }
        return text.ToString();
    }

    [Fact]
    public async Task Import_MoreRejectedRowsThanKept_CountsAllStoresTheFirstAndSaysSo()
    {
        Limits.MaxKeptRejections = 5;
        var good = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";

        var result = await _f.ImportAsync(_f.WriteFile("bad.csv", ZeroQuantityRows(30) + good));

        Assert.Equal(30, result.Report.RowsRejected);
        Assert.Equal([2, 3, 4, 5, 6], result.Report.Rejections.Select(r => r.RowNumber));
        Assert.Contains(result.Report.Notes, n => n.Contains("first 5 are kept", StringComparison.Ordinal));
        await using var db = _f.Database.CreateContext();
        Assert.Equal([2, 3, 4, 5, 6], await db.ImportRejections.OrderBy(r => r.RowNumber).Select(r => r.RowNumber).ToListAsync());
        var batch = await db.ImportBatches.SingleAsync();
        Assert.Equal(30, batch.RowsRejected);
        Assert.Contains("30 rows rejected, the first 5 kept", batch.Message);
        Assert.Equal(1, await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Import_GzipUnpackingBeyondTheRatioOfTheUploadLimit_IsRefusedAndStoresNothing()
    {
        Limits.MaxMegabytes = 1;
        Limits.MaxUnpackRatio = 2; // 2 MB of text at most
        var path = _f.WriteGzip("bomb.csv.gz", ZeroQuantityRows(40_000)); // about 3.8 MB of text, a few KB packed
        Assert.True(new FileInfo(path).Length < 1024 * 1024);

        var error = await Assert.ThrowsAsync<ImportException>(() => _f.ImportAsync(path));

        Assert.Contains("unpacks to more than 2 MB", error.Message);
        await using var db = _f.Database.CreateContext();
        Assert.Equal(0, await db.ImportRejections.CountAsync());
        Assert.Equal(ImportStatus.Failed, (await db.ImportBatches.SingleAsync()).Status);
    }

    [Fact]
    public async Task Import_WorkbookUnpackingBeyondTheLimit_IsRefusedBeforeItIsRead()
    {
        Limits.MaxMegabytes = 1;
        Limits.MaxUnpackRatio = 2;
        var path = _f.WriteBytes("bomb.xlsx", WorkbookWithSheetOf(3 * 1024 * 1024));

        var error = await Assert.ThrowsAsync<ImportException>(() => _f.ImportAsync(path));

        Assert.Contains("unpacks to 3 MB", error.Message);
    }

    [Fact]
    public async Task Import_DateOrderSettledOnlyAfterTheRowsHeld_ReadsTheFileAgainWithTheRightOrder()
    {
        // Month-first dates that prove nothing (12/1) for longer than the cleaner holds rows, then one that settles it (12/13).
        var text = new StringBuilder(Header);
        for (var i = 0; i < TransactionCleaner.MaxHeldRows + 10; i++)
        {
            text.Append(500000 + i % 5000).Append(",A").Append(i % 50).Append(",THING ").Append(i % 50).Append(",1,12/1/2010 08:26,1.50,").Append(10000 + i % 5000).Append(",UK\n");
        }
        text.Append("599999,B1,LAST THING,1,12/13/2010 09:00,2.00,17850,UK\n");

        var result = await _f.ImportAsync(_f.WriteFile("late.csv", text.ToString()));

        Assert.Equal(TransactionCleaner.MaxHeldRows + 11, result.Report.RowsRead);
        Assert.Contains(result.Report.Notes, n => n.StartsWith("Dates read as ISO (yyyy-MM-dd) or month first", StringComparison.Ordinal));
        await using var db = _f.Database.CreateContext();
        var days = await db.Orders.Select(o => o.PlacedAt.Date).Distinct().OrderBy(d => d).ToListAsync();
        Assert.Equal([new DateTime(2010, 12, 1), new DateTime(2010, 12, 13)], days);
    }

    /// <summary>A zip named .xlsx whose sheet unpacks to <paramref name="bytes"/> (spaces, which pack to almost nothing).</summary>
    private static byte[] WorkbookWithSheetOf(int bytes)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.Optimal).Open();
            sheet.Write(Encoding.ASCII.GetBytes(new string(' ', bytes)));
        }
        return buffer.ToArray();
    }
}
