using System.Text;

namespace RetailRecs.Core.Import;

/// <summary>
/// Writes rejected rows as CSV for download: row number, reason, then the row's own cells, one column each. Cells that
/// a spreadsheet would run as a formula (starting with = + - @) get a leading apostrophe, so opening the file never
/// executes them.
/// </summary>
public static class RejectedRowsCsv
{
    public static void Write(TextWriter writer, IEnumerable<(int RowNumber, string Reason, string? RawRow)> rows)
    {
        var list = rows.Select(r => (r.RowNumber, r.Reason, Cells: Split(r.RawRow ?? ""))).ToList();
        WriteHeader(writer, list.Count == 0 ? 0 : list.Max(r => r.Cells.Count));
        foreach (var (rowNumber, reason, cells) in list)
        {
            WriteRow(writer, rowNumber, reason, cells);
        }
    }

    /// <summary>
    /// Streams rows as they are read: once to find the widest row (for the header), once to write them, so a large
    /// download never holds its rows in memory.
    /// </summary>
    public static async Task WriteAsync(TextWriter writer, Func<IAsyncEnumerable<(int RowNumber, string Reason, string? RawRow)>> rows,
        CancellationToken ct = default)
    {
        var width = 0;
        await foreach (var row in rows().WithCancellation(ct))
        {
            width = Math.Max(width, Split(row.RawRow ?? "").Count);
        }
        WriteHeader(writer, width);
        await foreach (var (rowNumber, reason, rawRow) in rows().WithCancellation(ct))
        {
            WriteRow(writer, rowNumber, reason, Split(rawRow ?? ""));
        }
        await writer.FlushAsync(ct);
    }

    private static void WriteHeader(TextWriter writer, int width)
    {
        writer.Write("Row,Reason");
        for (var i = 1; i <= width; i++)
        {
            writer.Write($",Column {i}");
        }
        writer.Write('\n');
    }

    private static void WriteRow(TextWriter writer, int rowNumber, string reason, IReadOnlyList<string> cells)
    {
        writer.Write(rowNumber);
        writer.Write(',');
        writer.Write(Cell(reason));
        foreach (var cell in cells)
        {
            writer.Write(',');
            writer.Write(Cell(cell));
        }
        writer.Write('\n');
    }

    /// <summary>Splits a row stored by <see cref="Join"/> back into its cells (RFC 4180 quoting).</summary>
    public static IReadOnlyList<string> Split(string line) => Common.CsvLine.Split(line);

    /// <summary>One cell, neutralised against formula injection and quoted (see <see cref="Common.CsvCell"/>).</summary>
    public static string Cell(string value) => Common.CsvCell.Escape(value);

    /// <summary>The cells of a row joined as one CSV line, for storing with a rejection.</summary>
    public static string Join(string[] cells, int maxLength)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < cells.Length && sb.Length < maxLength; i++)
        {
            if (i > 0) sb.Append(',');
            var cell = cells[i];
            sb.Append(cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"") + "\"" : cell);
        }
        return sb.Length <= maxLength ? sb.ToString() : sb.ToString(0, maxLength - 1) + "…";
    }
}
