using System.Globalization;
using System.IO.Compression;
using nietras.SeparatedValues;
using RetailRecs.Core.Catalog;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs make-scaled`: a chain's worth of sales from one shop's export, to measure how costs grow with the data.
/// The output holds the source N times: replica 0 is the source as it is, replica k &gt; 0 is a store of its own, with
/// its own customers, invoices and products but the same dates, quantities, prices and countries. Deterministic: the
/// same source and N give the same rows in the same order.
/// </summary>
internal static class MakeScaledCommand
{
    /// <summary>Replica k's customers are numbered from k × this, above any id of the Online Retail export (12346–18287).</summary>
    public const long CustomerIdStride = 100_000;

    public static int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var source = options.Get("--source");
        var output = options.Get("--out");
        if (source is null || output is null || !int.TryParse(options.Get("--times", "10"), NumberStyles.None, CultureInfo.InvariantCulture, out var times) || times < 1)
        {
            Console.Error.WriteLine("make-scaled needs --source FILE, --times N (N >= 1) and --out FILE.csv.gz.");
            return 2;
        }
        if (!File.Exists(source))
        {
            Console.Error.WriteLine($"The file '{source}' was not found.");
            return 1;
        }

        Stream target = File.Create(output);
        if (output.EndsWith(".gz", StringComparison.OrdinalIgnoreCase))
        {
            // Fastest: at 100× the output is gigabytes, and the import that reads it is what is measured, not the compression.
            target = new GZipStream(target, CompressionLevel.Fastest);
        }
        using var text = new StreamWriter(target) { NewLine = "\n" };
        string[]? header = null;
        long written = 0;
        for (var k = 0; k < times; k++)
        {
            // The source is read again for each replica: memory stays that of one row whatever N.
            using var input = Open(source);
            using var reader = Sep.Reader(o => o with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(input);
            if (header is null)
            {
                header = reader.Header.ColNames.ToArray();
                text.WriteLine(string.Join(',', header.Select(Escape)));
            }
            var columns = new ReplicaColumns(header);
            var cells = new string[header.Length];
            foreach (var row in reader)
            {
                for (var i = 0; i < cells.Length; i++)
                {
                    cells[i] = i < row.ColCount ? row[i].ToString() : "";
                }
                columns.Rewrite(cells, k);
                text.WriteLine(string.Join(',', cells.Select(Escape)));
                written++;
            }
        }
        Console.WriteLine($"Wrote {written:N0} rows ({times} × the source) -> {output}");
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

    /// <summary>Quotes a cell only when it must be (delimiter, quote or line break inside), as the UCI export does.</summary>
    private static string Escape(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") < 0 ? cell : $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>Where the columns a replica changes are (by their Online Retail names), and how it changes them.</summary>
    internal sealed class ReplicaColumns(string[] header)
    {
        private readonly int _invoice = Array.IndexOf(header, "InvoiceNo"), _code = Array.IndexOf(header, "StockCode"),
            _description = Array.IndexOf(header, "Description"), _customer = Array.IndexOf(header, "CustomerID");

        /// <summary>Rewrites one source row as replica <paramref name="k"/>'s row in place; replica 0 keeps it as it is.</summary>
        public void Rewrite(string[] cells, int k)
        {
            if (k == 0)
            {
                return;
            }
            var suffix = k.ToString(CultureInfo.InvariantCulture);
            if (_customer >= 0 && cells[_customer].Length > 0)
            {
                var id = cells[_customer].EndsWith(".0", StringComparison.Ordinal) ? cells[_customer][..^2] : cells[_customer];
                cells[_customer] = long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                    ? (number + k * CustomerIdStride).ToString(CultureInfo.InvariantCulture)
                    : $"{id}-{suffix}"; // not a number: still a customer of this store only
            }
            if (_invoice >= 0 && cells[_invoice].Length > 0)
            {
                var invoice = cells[_invoice];
                cells[_invoice] = invoice[0] is 'C' or 'c' ? $"{invoice[0]}{suffix}{invoice[1..]}" : suffix + invoice;
            }
            // Postage, fees and manual lines are the chain's, not a store's: the same codes in every replica.
            if (_code >= 0 && cells[_code].Length > 0 && !NonMerchandiseCodes.IsNonMerchandise(cells[_code]))
            {
                cells[_code] = $"{cells[_code]}-{suffix}";
            }
            if (_description >= 0 && cells[_description].Length > 0)
            {
                cells[_description] = $"{cells[_description]} {suffix}";
            }
        }
    }
}
