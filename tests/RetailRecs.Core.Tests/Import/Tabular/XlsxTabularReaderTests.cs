using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Tests.Import.Tabular;

public class XlsxTabularReaderTests
{
    /// <summary>A minimal but valid .xlsx (a zip of SpreadsheetML parts), with text, a number and an Excel date serial.</summary>
    private static byte[] Workbook(params string[][] rows)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, string xml)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), new UTF8Encoding(false));
                writer.Write(xml);
            }
            Part("[Content_Types].xml", """<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>""");
            Part("_rels/.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>""");
            Part("xl/workbook.xml", """<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Online Retail" sheetId="1" r:id="rId1"/></sheets></workbook>""");
            Part("xl/_rels/workbook.xml.rels", """<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>""");
            var sheet = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>""");
            for (var r = 0; r < rows.Length; r++)
            {
                sheet.Append($"<row r=\"{r + 1}\">");
                for (var c = 0; c < rows[r].Length; c++)
                {
                    var reference = $"{(char)('A' + c)}{r + 1}";
                    var value = rows[r][c];
                    sheet.Append(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                        ? $"<c r=\"{reference}\"><v>{value}</v></c>"
                        : $"<c r=\"{reference}\" t=\"inlineStr\"><is><t>{System.Security.SecurityElement.Escape(value)}</t></is></c>");
                }
                sheet.Append("</row>");
            }
            sheet.Append("</sheetData></worksheet>");
            Part("xl/worksheets/sheet1.xml", sheet.ToString());
        }
        return memory.ToArray();
    }

    [Fact]
    public async Task Import_XlsxWorkbook_LikeTheUciOriginal_IsImported()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteBytes("Online Retail.xlsx", Workbook(
            ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"],
            ["536365", "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", "6", "2010-12-01 08:26:00", "2.55", "17850", "United Kingdom"],
            ["536365", "71053", "WHITE METAL LANTERN", "6", "2010-12-01 08:26:00", "3.39", "17850", "United Kingdom"]));

        var result = await f.ImportAsync(path);

        Assert.Contains(result.Report.Notes, n => n.StartsWith("Excel workbook"));
        Assert.Equal(2, result.Written!.LinesAdded);
        await using var db = f.Database.CreateContext();
        Assert.Equal("17850", await db.Customers.Select(c => c.CustomerCode).SingleAsync());
        Assert.Equal(3.39m, await db.OrderLines.Where(l => l.Product!.Sku == "71053").Select(l => l.UnitPrice).SingleAsync());
    }

    [Fact]
    public async Task Import_CsvNamedXlsx_SaysItIsNotAWorkbook()
    {
        await using var f = await ImportFixture.CreateAsync();
        var path = f.WriteFile("not-really.xlsx", "InvoiceNo,InvoiceDate\n1,2011-01-01\n");

        var error = await Assert.ThrowsAsync<Core.Import.ImportException>(() => f.ImportAsync(path));

        Assert.Contains("Excel workbook", error.Message);
    }
}
