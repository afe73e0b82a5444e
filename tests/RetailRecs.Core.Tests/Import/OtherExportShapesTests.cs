using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// Shapes of other shops' exports that refused the whole file or misread it before 2026-12-07: an accented letter cut
/// by the 64 KB the encoding is guessed from, repeated or blank column names, a delimiter at the end of every line, a
/// money column called "Amount" beside the quantity.
/// </summary>
public class OtherExportShapesTests
{
    private const string Header = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    private static string Row(int invoice, string description, int quantity = 1) =>
        $"{invoice},22086,{description},{quantity},2011-03-04 10:00:00,2.55,17850,France\n";

    /// <summary>SQL Server Management Studio writes NULL, MySQL \N, tills 0 or -1 for a walk-in: each became one customer of all walk-ins.</summary>
    [Fact]
    public async Task Import_CustomerIdsStandingForNone_AreAnonymousSales_NotCustomers()
    {
        await using var f = await ImportFixture.CreateAsync();
        var rows = new[] { "NULL", "\\N", "0", "-1", "N/A", "17850" }.Select((code, i) =>
            $"{810000 + i},22086,PAPER CHAIN KIT,1,2011-03-04 10:0{i}:00,2.55,{code},France\n");

        var result = await f.ImportAsync(f.WriteFile("walk-ins.csv", Header + string.Concat(rows)));

        Assert.Equal((6, 5), (result.Written!.LinesAdded, result.Report.CountOf(Core.Import.Cleaning.CleaningRules.CustomerPlaceholder)));
        await using var db = f.Database.CreateContext();
        Assert.Equal(["17850"], await db.Customers.Select(c => c.CustomerCode).ToListAsync());
        Assert.Equal(5, await db.Orders.CountAsync(o => o.CustomerId == null));
    }

    /// <summary>Prices of a currency without cents ("75.000" rupiah) read as 75 with a note that said "decimal point" as if proven.</summary>
    [Fact]
    public async Task Import_PricesWithThreeDigitsAfterTheOnlySeparator_TheReadingIsSaidToBeAssumed()
    {
        await using var f = await ImportFixture.CreateAsync();

        var result = await f.ImportAsync(f.WriteFile("rupiah.csv", "Date;Customer;Item;Qty;Price\n2023-05-01;1001;Rice 5kg;1;75.000\n"));

        Assert.Contains("Numbers read with a decimal point (1,234.50), assumed: no price or quantity in the first rows shows which ('75.000' read as 75)",
            string.Join(" ", result.Report.Notes));
    }

    [Fact]
    public async Task Import_Utf8WithAnAccentedLetterAcrossTheSampleEnd_IsImported()
    {
        await using var f = await ImportFixture.CreateAsync();
        var text = new StringBuilder(Header);
        var invoice = 800000;
        while (Encoding.UTF8.GetByteCount(text.ToString()) < 65_420)
        {
            text.Append(Row(invoice++, "PAPER CHAIN KIT"));
        }
        // "É" is two bytes: its first is the 65,536th byte of the file, the last of the sample.
        var prefix = $"{invoice},CAFE1,";
        var padding = 65_535 - Encoding.UTF8.GetByteCount(text.ToString()) - prefix.Length;
        text.Append(prefix + new string('X', padding) + "É CAFÉ BOWL,1,2011-03-04 10:00:00,2.55,17850,France\n");
        text.Append(Row(invoice + 1, "CRÈME JUG"));
        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        Assert.Equal(0xC3, bytes[65_535]);

        var result = await f.ImportAsync(f.WriteBytes("accents.csv", bytes));

        Assert.Equal(0, result.Report.RowsRejected);
        Assert.DoesNotContain(result.Report.Notes, n => n.Contains("Windows-1252"));
        await using var db = f.Database.CreateContext();
        var name = await db.Products.Where(p => p.Sku == "CAFE1").Select(p => p.Name).SingleAsync();
        Assert.True(name.EndsWith("É CAFÉ BOWL", StringComparison.OrdinalIgnoreCase), name);
    }

    /// <summary>
    /// A UTF-8 export with an older till's Windows-1252 lines pasted after the first 64 KB: the UTF-8 part was read
    /// again as Windows-1252 ("ŁÓDŹ" became mojibake, and its product another key).
    /// </summary>
    [Fact]
    public async Task Import_Utf8ThenWindows1252Bytes_KeepsTheUtf8Text_AndReadsTheOtherBytesAsWindows1252()
    {
        await using var f = await ImportFixture.CreateAsync();
        var start = new StringBuilder(Header).Append("800000,LODZ1,ŁÓDŹ MUG,1,2011-03-04 10:00:00,2.55,17850,Poland\n");
        for (var invoice = 800001; Encoding.UTF8.GetByteCount(start.ToString()) < 70_000; invoice++)
        {
            start.Append(Row(invoice, "PAPER CHAIN KIT"));
        }
        byte[] bytes = [.. Encoding.UTF8.GetBytes(start.ToString()), .. Encoding.Latin1.GetBytes("900000,GIFT_0001_20,£20 GIFT VOUCHER,1,2011-03-04 10:00:00,20.00,17850,Poland\n")];

        var result = await f.ImportAsync(f.WriteBytes("pasted.csv", bytes));

        Assert.Contains(result.Report.Notes, n => n.Contains("Windows-1252"));
        await using var db = f.Database.CreateContext();
        var names = await db.Products.Where(p => p.Sku == "LODZ1" || p.Sku == "GIFT_0001_20").OrderBy(p => p.Sku).Select(p => p.Name).ToListAsync();
        Assert.Equal(["£20 GIFT VOUCHER", "ŁÓDŹ MUG"], names.Select(n => n.ToUpperInvariant()));
    }

    /// <summary>Windows-1250 (a Polish till) cannot be told from Windows-1252 by its bytes: read as the user chose, it keeps its letters.</summary>
    [Fact]
    public async Task Import_Windows1250Export_ReadAsChosen_KeepsItsLetters()
    {
        await using var f = await ImportFixture.CreateAsync();
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var path = f.WriteBytes("sklep.csv", Encoding.GetEncoding(1250).GetBytes(Header + "800000,LODZ1,ŁÓDŹ MUG,1,2011-03-04 10:00:00,2.55,17850,Polska\n"));

        var guessed = Core.Import.ImportService.Preview(path, "sklep.csv", Core.Model.ImportKind.Transactions);
        var chosen = Core.Import.ImportService.Preview(path, "sklep.csv", Core.Model.ImportKind.Transactions, textEncoding: "windows-1250");
        var result = await f.Importer.ImportAsync(new Core.Import.ImportRequest(Core.Model.ImportKind.Transactions, path, "sklep.csv", "test", TextEncoding: "windows-1250"));

        Assert.NotEqual("ŁÓDŹ MUG", guessed.FirstRows[0][2]);
        Assert.Equal("ŁÓDŹ MUG", chosen.FirstRows[0][2]);
        Assert.Contains(result.Report.Notes, n => n.Contains("windows-1250, as chosen"));
        await using var db = f.Database.CreateContext();
        Assert.Equal("ŁÓDŹ MUG", (await db.Products.Where(p => p.Sku == "LODZ1").Select(p => p.Name).SingleAsync()).ToUpperInvariant());
        var unknown = await Assert.ThrowsAsync<Core.Import.ImportException>(() => f.Importer.ImportAsync(
            new Core.Import.ImportRequest(Core.Model.ImportKind.Transactions, path, "sklep.csv", "test", DryRun: true, TextEncoding: "klingon")));
        Assert.Contains("windows-1250", unknown.Message);
    }

    [Fact]
    public async Task Import_RepeatedAndBlankColumnNames_ReadsTheFile_NamingEveryColumn()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("notes.csv", "InvoiceNo,StockCode,Description,Notes,Quantity,InvoiceDate,UnitPrice,CustomerID,Country,Notes,,\n" +
            "536365,85123A,WHITE HANGING HEART,gift,6,2010-12-01 08:26:00,2.55,17850,United Kingdom,wrapped,,\n");

        var preview = Core.Import.ImportService.Preview(path, "notes.csv", Core.Model.ImportKind.Transactions);
        var result = await f.ImportAsync(path);

        Assert.Equal(["Notes", "Notes (2)", "Column 11", "Column 12"], preview.Header.Where(h => h.StartsWith("Notes") || h.StartsWith("Column")));
        Assert.Equal(preview.Header.Count, preview.Header.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.Equal(1, result.Written!.LinesAdded);
    }

    [Fact]
    public async Task Import_DelimiterAtTheEndOfEveryLine_KeepsEveryRow()
    {
        await using var f = await ImportFixture.CreateAsync();
        var rowsEndingInADelimiter = Header + Row(536365, "HEART").Replace("\n", ",\n") + Row(536366, "LANTERN").Replace("\n", ",\n");
        var headerEndingInADelimiter = Header.Replace("\n", ",\n") + Row(536367, "CLOCK") + Row(536368, "JUG");

        var first = await f.ImportAsync(f.WriteFile("till.csv", rowsEndingInADelimiter));
        var second = await f.ImportAsync(f.WriteFile("erp.csv", headerEndingInADelimiter));

        Assert.Equal((2, 0), (first.Written!.LinesAdded, first.Report.RowsRejected));
        Assert.Equal((2, 0), (second.Written!.LinesAdded, second.Report.RowsRejected));
    }

    /// <summary>A row short of a named column cannot say which cell it lacks: rejected, not read with its cells shifted.</summary>
    [Fact]
    public async Task Import_RowShortOfANamedColumn_IsRejected_NotShifted()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("notes.csv", Header.Replace("\n", ",Notes\n") +
            "536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,United Kingdom,gift\n" +
            "536366,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom,\n");

        var result = await f.ImportAsync(path);

        Assert.Equal([2], result.Report.Rejections.Select(r => r.RowNumber));
        await using var db = f.Database.CreateContext();
        Assert.Equal(["17850"], await db.Customers.Select(c => c.CustomerCode).ToListAsync());
    }

    [Fact]
    public async Task Import_AmountBesideQty_TakesTheQuantityFromQty()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("grocer.csv", "Date,Item,Amount,Qty,Price\n2011-03-04,Milk,1.60,2,0.80\n");

        var result = await f.ImportAsync(path);

        Assert.Equal("Qty", result.Mapping["Quantity"]);
        await using var db = f.Database.CreateContext();
        Assert.Equal(2, await db.OrderLines.Select(l => l.Quantity).SingleAsync());
    }
}
