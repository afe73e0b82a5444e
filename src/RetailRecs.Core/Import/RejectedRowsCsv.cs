using System.Text;

namespace RetailRecs.Core.Import;

/// <summary>
/// Writes rejected rows as CSV for download: row number, reason, then the row's own cells. Cells that a spreadsheet
/// would run as a formula (starting with = + - @) get a leading apostrophe, so opening the file never executes them.
/// </summary>
public static class RejectedRowsCsv
{
    public static void Write(TextWriter writer, IEnumerable<(int RowNumber, string Reason, string? RawRow)> rows)
    {
        writer.Write("Row,Reason,Original row\n");
        foreach (var (rowNumber, reason, raw) in rows)
        {
            writer.Write(rowNumber);
            writer.Write(',');
            writer.Write(Cell(reason));
            writer.Write(',');
            writer.Write(Cell(raw ?? ""));
            writer.Write('\n');
        }
    }

    /// <summary>One cell, neutralised against formula injection and quoted as RFC 4180 requires.</summary>
    public static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

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
