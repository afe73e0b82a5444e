using System.Text;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;

namespace RetailRecs.Core.Tests.Import;

/// <summary>Each kind of bad file gets a message that says what is wrong and where, and the stored data stays as it was.</summary>
public class BadInputTests : IAsyncLifetime
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
    private const string GoodRow = "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";
    private ImportFixture _f = null!;

    public async Task InitializeAsync()
    {
        _f = await ImportFixture.CreateAsync();
        await _f.ImportAsync(_f.WriteFile("existing.csv", Header + GoodRow));
    }

    public async Task DisposeAsync() => await _f.DisposeAsync();

    private async Task<string> RefusedAsync(string path)
    {
        var error = await Assert.ThrowsAnyAsync<ImportException>(() => _f.ImportAsync(path));
        await using var db = _f.Database.CreateContext();
        Assert.Equal(1, await db.OrderLines.CountAsync()); // what was stored before is untouched
        return error.Message;
    }

    [Fact]
    public async Task Import_EmptyFile_SaysItIsEmpty() =>
        Assert.Contains("is empty", await RefusedAsync(_f.WriteFile("empty.csv", "")));

    [Fact]
    public async Task Import_HeaderOnly_SaysThereAreNoRows() =>
        Assert.Contains("header but no rows", await RefusedAsync(_f.WriteFile("header.csv", Header)));

    [Fact]
    public async Task Import_BinaryFileRenamedCsv_SaysItIsNotText()
    {
        var zipLike = new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0x00, 0x00, 0x21, 0x00 };
        Assert.Contains("not a text file", await RefusedAsync(_f.WriteBytes("workbook.csv", zipLike)));
    }

    [Fact]
    public async Task Import_MissingRequiredDateColumn_NamesTheFieldAndTheColumnsFound()
    {
        var message = await RefusedAsync(_f.WriteFile("nodate.csv", "InvoiceNo,StockCode,Quantity\n1,A,2\n"));
        Assert.Contains("InvoiceDate", message);
        Assert.Contains("InvoiceNo, StockCode, Quantity", message);
        Assert.DoesNotContain("--map", message); // how to map is each front end's to say (the CLI adds it)
    }

    [Fact]
    public async Task Import_MapToAColumnTheFileLacks_SaysWhichColumnsItHas()
    {
        var path = _f.WriteFile("sales.csv", Header + GoodRow.Replace("536365", "536999"));
        var error = await Assert.ThrowsAsync<ImportException>(() => _f.ImportAsync(path, map: new Dictionary<string, string> { ["Customer Number"] = "CustomerID" }));
        Assert.Contains("no column 'Customer Number'", error.Message);
    }

    [Fact]
    public async Task Import_UnterminatedQuote_RefusesTheFile_NamingTheRow()
    {
        var path = _f.WriteFile("quote.csv", Header +
            "536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France\n" +
            "536370,22727,\"ALARM CLOCK BAKELIKE RED,24,2010-12-01 08:45:00,3.75,12583,France\n" +
            "536370,22726,ALARM CLOCK BAKELIKE GREEN,12,2010-12-01 08:45:00,3.75,12583,France\n");

        var message = await RefusedAsync(path);

        Assert.Contains("Row 3 opens a quote", message);
    }

    /// <summary>
    /// An inch mark opened a quote for the parser, and the rows after it became part of one value: in an unquoted value
    /// the rest of the file (the rows before it stored as if the file ended there); in two quoted values whose inch marks
    /// are not doubled, the rows between them — and the row still had the header's three cells.
    /// </summary>
    [Theory]
    [InlineData("1808,21-07-2015,tropical fruit\n2552,05-01-2015,12\" pizza\n2300,19-09-2015,whole milk\n", "Row 3 has a quote (\") inside the value '12\" pizza'")]
    [InlineData("1808,21-07-2015,\"Large 12\" pizza\"\n2300,19-09-2015,whole milk\n2301,19-09-2015,\"Small 9\" pizza\"\n",
        "Row 2 has a quote (\") inside the value 'Large 12\" pizza\"'")]
    public async Task Import_InchMarkThatSwallowsTheRowsAfterIt_RefusesTheFile_NamingTheRow(string rows, string said)
    {
        var path = _f.WriteFile("inches.csv", "Member_number,Date,itemDescription\n" + rows + "1187,12-02-2015,pip fruit\n");

        var message = await RefusedAsync(path);

        Assert.StartsWith(said, message);
    }

    [Fact]
    public async Task Import_QuotedValueWithADoubledQuote_StoresOneQuote()
    {
        var result = await _f.ImportAsync(_f.WriteFile("quoted.csv", Header +
            "536371,22729,\"FRAME 5\"\" X 7\"\", WOOD\",2,2010-12-01 09:00:00,3.75,12583,France\n"));

        Assert.Equal(1, result.Written!.LinesAdded);
        await using var db = _f.Database.CreateContext();
        Assert.Equal("FRAME 5\" X 7\", WOOD", await db.Products.Where(p => p.Sku == "22729").Select(p => p.Name).SingleAsync());
    }

    /// <summary>A field mapped to the header's unnamed last column, and a row without that cell: the import failed with an index error.</summary>
    [Fact]
    public async Task Import_FieldMappedToAnUnnamedLastColumn_ARowWithoutItIsRejected_OthersKept()
    {
        var path = _f.WriteFile("trailing.csv", "Member,Date,Item,\n1808,2015-07-21,milk,1.20\n1809,2015-07-22,bread\n");

        var result = await _f.ImportAsync(path, map: new Dictionary<string, string> { ["Column 4"] = "UnitPrice" });

        Assert.Equal(1, result.Written!.LinesAdded);
        Assert.Equal(3, Assert.Single(result.Report.Rejections).RowNumber);
        Assert.Equal(1, result.Report.CountOf(Core.Import.Cleaning.CleaningRules.WrongColumnCount));
    }

    /// <summary>Every row rejected under a wrong mapping, then the same file refused as "already imported" once mapped right.</summary>
    [Fact]
    public async Task Import_SameFileAfterAnImportThatStoredNothing_IsImported()
    {
        var path = _f.WriteFile("shipped.csv", Header.TrimEnd('\n') + ",Shipped\n" + GoodRow.Replace("536365", "536500").TrimEnd('\n') + ",soon\n");
        var wrong = await _f.ImportAsync(path, map: new Dictionary<string, string> { ["Shipped"] = "InvoiceDate", ["InvoiceDate"] = "" });
        Assert.Equal((0, 1), (wrong.Written!.LinesAdded, wrong.Report.RowsRejected));

        var right = await _f.ImportAsync(path);

        Assert.Equal(1, right.Written!.LinesAdded);
        Assert.Equal(ImportOutcome.AlreadyImported, (await _f.ImportAsync(path)).Outcome); // once it stored something
        await using var db = _f.Database.CreateContext();
        Assert.Equal(2, await db.OrderLines.CountAsync());
    }

    [Fact]
    public async Task Import_RowWithAMissingCell_IsRejectedByRowNumber_OthersKept()
    {
        var result = await _f.ImportAsync(_f.WriteFile("short.csv", Header + "600100,22728,CLOCK,24,2010-12-01 08:45:00,3.75\n" + GoodRow.Replace("536365", "600101")));

        Assert.Equal(1, result.Written!.LinesAdded);
        Assert.Equal(2, Assert.Single(result.Report.Rejections).RowNumber);
    }

    [Fact]
    public async Task Import_MonthFirstDatesAsInTheUciOriginal_ReadsEarlyDecemberAsDecember()
    {
        // The original export writes 12/1/2010; only 12/13/2010 proves the month comes first.
        var early = string.Concat(Enumerable.Range(0, 1500).Select(i => $"{700000 + i},85123A,HEART,1,12/1/2010 8:26,2.55,17850,United Kingdom\n"));
        var path = _f.WriteFile("uci-style.csv", Header + early + "701600,85123A,HEART,1,12/13/2010 9:00,2.55,17850,United Kingdom\n");

        var result = await _f.ImportAsync(path);

        Assert.Equal(0, result.Report.RowsRejected);
        await using var db = _f.Database.CreateContext();
        Assert.Equal(new DateTime(2010, 12, 1, 8, 26, 0), await db.Orders.Where(o => o.InvoiceNumber == "700000").Select(o => o.PlacedAt).SingleAsync());
        Assert.Equal(new DateTime(2010, 12, 13, 9, 0, 0), await db.Orders.Where(o => o.InvoiceNumber == "701600").Select(o => o.PlacedAt).SingleAsync());
    }

    [Fact]
    public async Task Import_Windows1252AfterALongUtf8LookingStart_IsReadAsWindows1252()
    {
        var start = string.Concat(Enumerable.Range(0, 1200).Select(i => $"{800000 + i},22086,PAPER CHAIN KIT,1,2011-03-04 10:00:00,2.55,17850,United Kingdom\n"));
        var bytes = Encoding.Latin1.GetBytes(Header + start + "801300,GIFT_0001_20,£20 GIFT VOUCHER,1,2011-03-04 10:00:00,20.00,17850,United Kingdom\n");
        Assert.True(bytes.Length > 64 * 1024);

        var result = await _f.ImportAsync(_f.WriteBytes("late-pound.csv", bytes));

        Assert.Contains(result.Report.Notes, n => n.Contains("Windows-1252"));
        await using var db = _f.Database.CreateContext();
        Assert.Equal("£20 GIFT VOUCHER", await db.Products.Where(p => p.Sku == "GIFT_0001_20").Select(p => p.Name).SingleAsync());
    }

    [Fact]
    public async Task Import_TenMegabyteSingleLine_IsRejectedByRowNumber_OthersKept()
    {
        var huge = new string('X', 10 * 1024 * 1024);
        var path = _f.WriteFile("huge.csv", Header + $"536371,22086,{huge},6,2010-12-01 09:00:00,2.55,17850,United Kingdom\n" + GoodRow.Replace("536365", "536372"));

        var result = await _f.ImportAsync(path);

        Assert.Equal(1, result.Written!.LinesAdded);
        Assert.Equal(2, Assert.Single(result.Report.Rejections).RowNumber);
    }

    [Fact]
    public async Task Import_MixedDateFormats_ReadsEach()
    {
        var path = _f.WriteFile("dates.csv", Header +
            "600001,85123A,HEART,1,2011-03-04 10:00:00,2.55,17850,United Kingdom\n" +
            "600002,85123A,HEART,1,25/03/2011 10:30,2.55,17850,United Kingdom\n" +
            "600003,85123A,HEART,1,05/04/2011 11:00,2.55,17850,United Kingdom\n");

        await _f.ImportAsync(path);

        await using var db = _f.Database.CreateContext();
        var dates = await db.Orders.Where(o => o.InvoiceNumber.StartsWith("60000")).OrderBy(o => o.InvoiceNumber).Select(o => o.PlacedAt).ToListAsync();
        Assert.Equal([new DateTime(2011, 3, 4, 10, 0, 0), new DateTime(2011, 3, 25, 10, 30, 0), new DateTime(2011, 4, 5, 11, 0, 0)], dates);
    }

    [Fact]
    public async Task Import_DecimalCommaFile_ReadsEveryNumberTheSameWay()
    {
        var path = _f.WriteFile("eu.csv", "Invoice;SKU;Name;Qty;Date;Price\nE1;A1;Mug;2;2011-03-04 10:00;4,50\nE2;B2;Lamp;1;2011-03-04 10:00;1.234,50\n");

        await _f.ImportAsync(path);

        await using var db = _f.Database.CreateContext();
        Assert.Equal([4.50m, 1234.50m], await db.OrderLines.Where(l => l.Order!.InvoiceNumber.StartsWith("E")).OrderBy(l => l.Order!.InvoiceNumber).Select(l => l.UnitPrice).ToListAsync());
    }

    [Fact]
    public async Task Import_NumbersWithThousandsSeparators_AreReadAsNumbers()
    {
        var path = _f.WriteFile("numbers.csv", Header + "600010,22423,REGENCY CAKESTAND 3 TIER,\"1,200\",2011-03-04 10:00:00,\"1,234.50\",17850,United Kingdom\n");

        await _f.ImportAsync(path);

        await using var db = _f.Database.CreateContext();
        var line = await db.OrderLines.SingleAsync(l => l.Order!.InvoiceNumber == "600010");
        Assert.Equal(1200, line.Quantity);
        Assert.Equal(1234.50m, line.UnitPrice);
    }

    [Fact]
    public async Task Import_FormulaText_IsStoredAsText_AndExportedNeutralised()
    {
        const string formula = "=HYPERLINK(\"\"http://evil.example\"\",\"\"click\"\")";
        var path = _f.WriteFile("formula.csv", Header + $"600020,EVIL1,\"{formula}\",1,2011-03-04 10:00:00,1.00,17850,United Kingdom\n");

        var result = await _f.ImportAsync(path);

        Assert.Equal(1, result.Report.CountOf(Core.Import.Cleaning.CleaningRules.FormulaText));
        await using var db = _f.Database.CreateContext();
        var name = await db.Products.Where(p => p.Sku == "EVIL1").Select(p => p.Name).SingleAsync();
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"click\")", name);
        Assert.StartsWith("\"'=HYPERLINK", RejectedRowsCsv.Cell(name));
    }

    [Fact]
    public async Task Import_Windows1252File_ReadsThePoundSign()
    {
        var path = _f.WriteFile("latin.csv", Header + "600030,GIFT_0001_10,£10 GIFT VOUCHER,1,2011-03-04 10:00:00,10.00,17850,United Kingdom\n", Encoding.Latin1);

        await _f.ImportAsync(path);

        await using var db = _f.Database.CreateContext();
        Assert.Equal("£10 GIFT VOUCHER", await db.Products.Where(p => p.Sku == "GIFT_0001_10").Select(p => p.Name).SingleAsync());
    }
}
