using System.IO.Compression;
using nietras.SeparatedValues;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>Reads delimited text (plain or gzip) with Sep, after sniffing its encoding and delimiter.</summary>
internal static class CsvTabularReader
{
    public static TabularFile Open(Stream raw, string fileName)
    {
        var gzip = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        // Decompression is not seekable: sniff from a buffered stream and read on from the same buffer.
        var stream = new BufferedStream(gzip ? new GZipStream(raw, CompressionMode.Decompress) : raw, TextFormatSniffer.SampleSize);
        byte[] sample;
        try
        {
            sample = ReadSample(stream);
        }
        catch (InvalidDataException ex)
        {
            stream.Dispose();
            throw new ImportException($"'{fileName}' ends in .gz but is not a gzip file: {ex.Message}", ex);
        }
        var encoding = TextFormatSniffer.DetectEncoding(sample);
        TextFormatSniffer.EnsureText(sample, encoding, fileName);

        var sampleText = encoding.GetString(sample);
        var firstLine = sampleText.AsSpan().TrimStart('\uFEFF');
        var end = firstLine.IndexOfAny('\r', '\n');
        var (delimiter, delimiterName) = TextFormatSniffer.DetectDelimiter((end < 0 ? firstLine : firstLine[..end]).ToString());

        var text = new StreamReader(new SampleThenRest(sample, stream), encoding, detectEncodingFromByteOrderMarks: true);
        var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(delimiter),
            HasHeader = true,
            Unescape = true,
            DisableColCountCheck = true,
            DisableQuotesParsing = false,
        }).From(text);
        var header = reader.Header.ColNames.Select(h => h.Trim()).ToArray();
        if (header.Length == 0 || header.All(string.IsNullOrEmpty))
        {
            reader.Dispose();
            throw new ImportException($"'{fileName}' has no header row. The first line must name the columns.");
        }
        return new TabularFile(gzip ? "CSV (gzip)" : "CSV", encoding.WebName, delimiterName, header, Rows(reader), reader);
    }

    private static IEnumerable<TabularRow> Rows(SepReader reader)
    {
        foreach (var row in reader)
        {
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = row[i].ToString();
            }
            yield return new TabularRow(row.RowIndex + 1, cells);
        }
    }

    private static byte[] ReadSample(Stream stream)
    {
        var buffer = new byte[TextFormatSniffer.SampleSize];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = stream.Read(buffer, read, buffer.Length - read)) > 0)
        {
            read += n;
        }
        return buffer[..read];
    }

    /// <summary>The sniffed bytes followed by the rest of the stream, read as many times as a reader is made.</summary>
    private sealed class SampleThenRest(byte[] sample, Stream rest) : Stream
    {
        private int _position;
        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_position < sample.Length)
            {
                var n = Math.Min(count, sample.Length - _position);
                Array.Copy(sample, _position, buffer, offset, n);
                _position += n;
                return n;
            }
            return rest.Read(buffer, offset, count);
        }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                rest.Dispose();
            }
            base.Dispose(disposing);
        }
    }
}
