using System.IO.Compression;
using nietras.SeparatedValues;
using RetailRecs.Core.Common;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>Reads delimited text (plain or gzip) with Sep, after sniffing its encoding and delimiter.</summary>
internal static class CsvTabularReader
{
    /// <param name="maxUnpackedBytes">Text unpacked from a .gz is capped, so a small upload cannot unpack into an endless one.</param>
    /// <param name="forcedEncoding">Read with this encoding instead of the detected one (after a UTF-8 guess proved wrong).</param>
    public static TabularFile Open(Stream raw, string fileName, long maxUnpackedBytes, System.Text.Encoding? forcedEncoding = null)
    {
        try
        {
            return OpenText(raw, fileName, maxUnpackedBytes, forcedEncoding);
        }
        catch
        {
            raw.Dispose();
            throw;
        }
    }

    private static TabularFile OpenText(Stream raw, string fileName, long maxUnpackedBytes, System.Text.Encoding? forcedEncoding)
    {
        var gzip = fileName.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);
        // Decompression is not seekable: sniff from a buffered stream and read on from the same buffer.
        var stream = new BufferedStream(gzip ? new LimitedStream(new GZipStream(raw, CompressionMode.Decompress), maxUnpackedBytes, fileName) : raw,
            TextFormatSniffer.SampleSize);
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
        var detected = TextFormatSniffer.DetectEncoding(sample);
        TextFormatSniffer.EnsureText(sample, detected, fileName);
        // A UTF-8 guess rests on the first 64 KB: decode strictly, so a Windows-1252 byte further on is noticed, not garbled.
        var encoding = forcedEncoding ?? (detected is System.Text.UTF8Encoding ? new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true) : detected);

        // Leniently: the sample may end inside a character (the whole file is still read strictly).
        var sampleText = (forcedEncoding ?? detected).GetString(sample);
        var firstLine = sampleText.AsSpan().TrimStart('\uFEFF');
        var end = firstLine.IndexOfAny('\r', '\n');
        var (delimiter, delimiterName) = TextFormatSniffer.DetectDelimiter((end < 0 ? firstLine : firstLine[..end]).ToString());

        var text = new StreamReader(new SampleThenRest(sample, stream), encoding, detectEncodingFromByteOrderMarks: forcedEncoding is null);
        var reader = Sep.Reader(o => o with
        {
            Sep = new Sep(delimiter),
            // The header is read as the first row: Sep refuses repeated column names, which exports have (see HeaderNames).
            HasHeader = false,
            // Cells arrive as written, quotes included, and are unquoted here (Unquote): only then can a quote inside an
            // unquoted value (12" pizza) be told from a quoted value that spans lines.
            Unescape = false,
            DisableColCountCheck = true,
            DisableQuotesParsing = false,
        }).From(text);
        var first = Next(reader, fileName, 0);
        if (first is not { } headerRow || headerRow.Cells.All(c => string.IsNullOrWhiteSpace(c.Trim('\uFEFF'))))
        {
            reader.Dispose();
            throw new ImportException($"'{fileName}' has no header row. The first line must name the columns.");
        }
        return new TabularFile(gzip ? "CSV (gzip)" : "CSV", encoding.WebName, delimiterName, HeaderNames.Distinct(headerRow.Cells), Rows(reader, fileName), reader);
    }

    private static IEnumerable<TabularRow> Rows(SepReader reader, string fileName)
    {
        var lastRow = 1;
        while (Next(reader, fileName, lastRow) is { } row)
        {
            lastRow = row.RowNumber;
            yield return row;
        }
    }

    /// <summary>The next row, or null at the end; whatever the parser throws becomes a message naming the row.</summary>
    private static TabularRow? Next(SepReader reader, string fileName, int lastRow)
    {
        try
        {
            if (!reader.MoveNext())
            {
                return null;
            }
            var row = reader.Current;
            var cells = new string[row.ColCount];
            for (var i = 0; i < cells.Length; i++)
            {
                var raw = row[i].Span;
                if (raw.Length > 0 && raw[0] == '"')
                {
                    cells[i] = Unquote(raw) ?? throw StrayQuote(row.RowIndex + 1, raw[1..]);
                }
                else if (raw.IndexOfAny('\r', '\n') >= 0)
                {
                    // The parser takes any quote as the start of a quoted value, so a quote inside an unquoted one (an
                    // inch mark) swallows the lines after it until another quote: the rows in between would be lost.
                    throw StrayQuote(row.RowIndex + 1, raw);
                }
                else
                {
                    cells[i] = raw.ToString();
                }
            }
            return new TabularRow(row.RowIndex + 1, cells);
        }
        catch (System.Text.DecoderFallbackException)
        {
            throw new TextEncodingException(lastRow + 1);
        }
        catch (Exception ex) when (ex is not ImportException and not OperationCanceledException)
        {
            throw new ImportException($"'{fileName}' could not be read after row {lastRow}: {ex.Message} " +
                "Check that row for an unclosed quote or a damaged line; nothing was stored.", ex);
        }
    }

    private static ImportException StrayQuote(int row, ReadOnlySpan<char> value)
    {
        var firstLine = value.IndexOfAny('\r', '\n') is var end and >= 0 ? value[..end] : value;
        return new ImportException($"Row {row} has a quote (\") inside the value '{firstLine[..Math.Min(firstLine.Length, 60)]}', " +
            "so the rows after it would be read as part of that value. Put that value in quotes and double the quote inside it " +
            "(\"12\"\" pizza\"), or remove the quote, then upload again; nothing was stored.");
    }

    /// <summary>
    /// A quoted value's text: the opening quote and its closing one removed, and each doubled quote inside read as one
    /// (RFC 4180). A stray quote inside (not doubled) is dropped, as Sep's own unescaping does — unless the value spans
    /// lines: then that quote ("Large 12" pizza") is what kept the parser inside the value past the line's end, and the
    /// rows after it were swallowed; null then (the caller refuses the file).
    /// </summary>
    private static string? Unquote(ReadOnlySpan<char> raw)
    {
        var inner = raw.Length > 1 && raw[^1] == '"' ? raw[1..^1] : raw[1..];
        if (inner.IndexOf('"') < 0)
        {
            return new string(inner); // most quoted cells: no quote inside
        }
        var text = new System.Text.StringBuilder(inner.Length);
        var stray = false;
        for (var i = 0; i < inner.Length; i++)
        {
            if (inner[i] != '"')
            {
                text.Append(inner[i]);
            }
            else if (i + 1 < inner.Length && inner[i + 1] == '"')
            {
                text.Append('"');
                i++;
            }
            else
            {
                stray = true;
            }
        }
        return stray && inner.IndexOfAny('\r', '\n') >= 0 ? null : text.ToString();
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
    private sealed class SampleThenRest(byte[] sample, Stream rest) : ReadOnlyForwardStream
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
