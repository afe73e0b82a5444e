using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;

namespace RetailRecs.Cli;

/// <summary>
/// Cuts database/sample/online_retail_sample.csv.gz from the full export. Whole customers and whole guest invoices
/// are kept, so every history in the sample is complete; rows are copied byte for byte, never rewritten.
/// With --shape member-date-item it instead reduces an Online Retail file (the committed slice) to what a small
/// grocer's till exports: member number, date and item name, no invoice, code, quantity, price or time of day.
/// </summary>
internal static class MakeSampleCommand
{
    public static int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var source = options.Get("--source");
        var output = options.Get("--out");
        var shape = options.Get("--shape", "online-retail");
        var every = options.Int("--every", 10);
        if (source is null || output is null || every < 1 || shape is not ("online-retail" or "member-date-item"))
        {
            Console.Error.WriteLine("make-sample needs --source FILE and --out FILE (and --every N with N >= 1, --shape online-retail|member-date-item).");
            return 2;
        }

        using var input = Open(source);
        // The slice copies each row's bytes as they are; the member/date/item shape writes a description anew, so it
        // reads the cell's text without the file's quotes (read quoted, "A, B" became """A, B""" in the sample).
        using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = shape == "member-date-item" }).From(input);
        using var outFile = File.Create(output);
        using var gzip = new GZipStream(outFile, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip) { NewLine = "\n" };
        var (read, kept) = shape == "member-date-item"
            ? WriteMemberDateItem(reader, writer)
            : WriteSlice(reader, writer, every);
        Console.WriteLine(shape == "member-date-item"
            ? $"Kept {kept:N0} of {read:N0} rows (customers' purchases as member, date, item) -> {output}"
            : $"Kept {kept:N0} of {read:N0} rows (1 in {every} customers and guest invoices) -> {output}");
        return 0;
    }

    private static (int Read, int Kept) WriteSlice(SepReader reader, StreamWriter writer, int every)
    {
        writer.WriteLine(reader.Header.ToString());
        int read = 0, kept = 0;
        foreach (var row in reader)
        {
            read++;
            var customer = row["CustomerID"].Span;
            var keep = customer.Length > 0
                ? long.TryParse(CustomerNumber(customer), out var id) && id % every == 0
                : long.TryParse(row["InvoiceNo"].Span.TrimStart('C'), out var invoice) && invoice % every == 0;
            if (keep)
            {
                writer.WriteLine(row.Span);
                kept++;
            }
        }
        return (read, kept);
    }

    /// <summary>
    /// One output line per purchase line of a known customer, in file order: returns (cancelled invoices, negative
    /// quantities) and guest lines are left out, the quantity is dropped (a grocer's export lists an item once per
    /// line), and the date loses its time of day, written day-month-year as such exports do.
    /// </summary>
    private static (int Read, int Kept) WriteMemberDateItem(SepReader reader, StreamWriter writer)
    {
        writer.WriteLine("Member_number,Date,itemDescription");
        int read = 0, kept = 0;
        foreach (var row in reader)
        {
            read++;
            var customer = row["CustomerID"].Span;
            var isReturn = row["InvoiceNo"].Span.StartsWith("C")
                || (decimal.TryParse(row["Quantity"].Span, NumberStyles.Number, CultureInfo.InvariantCulture, out var quantity) && quantity <= 0);
            if (customer.Length == 0 || isReturn)
            {
                continue;
            }
            var date = DateTime.ParseExact(row["InvoiceDate"].ToString(), "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            writer.WriteLine($"{CustomerNumber(customer)},{date.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture)},{Quote(row["Description"].ToString())}");
            kept++;
        }
        return (read, kept);
    }

    /// <summary>Some exports write the customer number as a decimal ("17850.0").</summary>
    private static ReadOnlySpan<char> CustomerNumber(ReadOnlySpan<char> customer) => customer.EndsWith(".0") ? customer[..^2] : customer;

    /// <summary>RFC 4180 quoting only where needed; the text itself is never changed.</summary>
    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static TextReader Open(string path)
    {
        Stream stream = File.OpenRead(path);
        if (path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            stream = new GZipStream(stream, CompressionMode.Decompress);
        }
        return new StreamReader(stream);
    }
}
