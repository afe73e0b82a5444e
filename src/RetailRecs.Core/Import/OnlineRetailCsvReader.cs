using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace RetailRecs.Core.Import;

/// <summary>
/// Reads files in the shape of the UCI Online Retail export (InvoiceNo, StockCode, Description, Quantity,
/// InvoiceDate, UnitPrice, CustomerID, Country), plain or gzip-compressed. Rows that cannot be parsed are
/// reported, not thrown, so one bad line never loses a file.
/// </summary>
public static class OnlineRetailCsvReader
{
    public static readonly string[] Columns =
        ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];

    private static readonly string[] DateFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm", "M/d/yyyy H:mm", "dd/MM/yyyy HH:mm"];

    public sealed record Result(IReadOnlyList<OnlineRetailRow> Rows, IReadOnlyList<(int RowNumber, string Reason)> Unreadable);

    public static Result Read(string path)
    {
        using var file = File.OpenRead(path);
        using var stream = path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)
            ? new GZipStream(file, CompressionMode.Decompress)
            : (Stream)file;
        using var text = new StreamReader(stream);
        return Read(text);
    }

    public static Result Read(TextReader text)
    {
        using var reader = Sep.Reader(o => o with { Unescape = true, HasHeader = true }).From(text);
        var missing = Columns.Where(c => !reader.Header.ColNames.Contains(c)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException(
                $"The file is not an Online Retail export: column(s) {string.Join(", ", missing)} are missing. " +
                $"Expected: {string.Join(", ", Columns)}.");
        }

        var rows = new List<OnlineRetailRow>();
        var unreadable = new List<(int, string)>();
        foreach (var row in reader)
        {
            // Row numbers as a spreadsheet shows them: the header is row 1.
            var rowNumber = row.RowIndex + 1;
            var invoice = row["InvoiceNo"].ToString().Trim();
            var sku = row["StockCode"].ToString().Trim();
            if (invoice.Length == 0 || sku.Length == 0)
            {
                unreadable.Add((rowNumber, "invoice number or stock code is empty"));
                continue;
            }
            if (!int.TryParse(row["Quantity"].Span, NumberStyles.Integer, CultureInfo.InvariantCulture, out var quantity))
            {
                unreadable.Add((rowNumber, $"quantity '{row["Quantity"].ToString()}' is not a whole number"));
                continue;
            }
            if (!DateTime.TryParseExact(row["InvoiceDate"].ToString().Trim(), DateFormats, CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var date))
            {
                unreadable.Add((rowNumber, $"invoice date '{row["InvoiceDate"].ToString()}' is not a date"));
                continue;
            }
            if (!decimal.TryParse(row["UnitPrice"].Span, NumberStyles.Number, CultureInfo.InvariantCulture, out var price))
            {
                unreadable.Add((rowNumber, $"unit price '{row["UnitPrice"].ToString()}' is not a number"));
                continue;
            }
            rows.Add(new OnlineRetailRow(rowNumber, invoice, sku, row["Description"].ToString(), quantity, date, price,
                NullIfBlank(row["CustomerID"].ToString()), NullIfBlank(row["Country"].ToString())));
        }
        return new Result(rows, unreadable);
    }

    private static string? NullIfBlank(string s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
