using System.IO.Compression;
using nietras.SeparatedValues;

namespace RetailRecs.Cli;

/// <summary>
/// Cuts database/sample/online_retail_sample.csv.gz from the full export. Whole customers and whole guest invoices
/// are kept, so every history in the sample is complete; rows are copied byte for byte, never rewritten.
/// </summary>
internal static class MakeSampleCommand
{
    public static int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var source = options.Get("--source");
        var output = options.Get("--out");
        var every = int.Parse(options.Get("--every", "10"), System.Globalization.CultureInfo.InvariantCulture);
        if (source is null || output is null || every < 1)
        {
            Console.Error.WriteLine("make-sample needs --source FILE and --out FILE (and --every N with N >= 1).");
            return 2;
        }

        using var input = Open(source);
        using var reader = Sep.Reader(o => o with { HasHeader = true }).From(input);
        using var outFile = File.Create(output);
        using var gzip = new GZipStream(outFile, CompressionLevel.SmallestSize);
        using var writer = new StreamWriter(gzip) { NewLine = "\n" };
        writer.WriteLine(reader.Header.ToString());

        int read = 0, kept = 0;
        foreach (var row in reader)
        {
            read++;
            var customer = row["CustomerID"].Span;
            var keep = customer.Length > 0
                ? long.TryParse(customer.EndsWith(".0") ? customer[..^2] : customer, out var id) && id % every == 0
                : long.TryParse(row["InvoiceNo"].Span.TrimStart('C'), out var invoice) && invoice % every == 0;
            if (keep)
            {
                writer.WriteLine(row.Span);
                kept++;
            }
        }
        Console.WriteLine($"Kept {kept:N0} of {read:N0} rows (1 in {every} customers and guest invoices) -> {output}");
        return 0;
    }

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
