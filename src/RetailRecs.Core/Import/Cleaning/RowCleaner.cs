using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using R = RetailRecs.Core.Import.Cleaning.CleaningRules;

namespace RetailRecs.Core.Import.Cleaning;

/// <summary>Reads mapped fields of a row as clean text, counting the text rules; shared by the catalog and customer importers.</summary>
internal sealed class RowCleaner(ColumnMapping mapping, CleaningReport report)
{
    private readonly int _columns = mapping.Header.Count;
    // The header without its trailing unnamed columns (a delimiter ending the header line), unless a field was mapped to
    // one of them: a row without that cell then cannot be read (it failed the whole import with an index error).
    private readonly int _namedColumns = Math.Max(mapping.CellsNeeded,
        mapping.Header.Count - mapping.Header.Reverse().TakeWhile((name, i) => HeaderNames.IsUnnamed(name, mapping.Header.Count - 1 - i)).Count());

    /// <summary>False when the row is blank (skipped) or has the wrong number of cells (rejected).</summary>
    public bool HasAllColumns(TabularRow row)
    {
        // A CSV's empty lines arrive as one empty cell, a spreadsheet's empty rows as ",,,,": rejected, they counted
        // as bad rows ("wrong number of columns", "unreadable date") that the .xlsx of the same sheet never had.
        if (row.Cells.All(string.IsNullOrWhiteSpace))
        {
            report.Applied(R.BlankRowSkipped);
            return false;
        }
        if (row.Cells.Length == _columns)
        {
            return true;
        }
        // Tills and ERPs end each line with a delimiter ("…,0.80,") or end the header with one the rows lack: extra
        // cells that are blank, or missing cells of columns the header left unnamed, lose nothing. A row short of a
        // named column is still rejected: which cell it lacks cannot be told, and the others would shift.
        if (row.Cells.Length > _columns && row.Cells.Skip(_columns).All(string.IsNullOrWhiteSpace))
        {
            return true;
        }
        if (row.Cells.Length < _columns && row.Cells.Length >= _namedColumns)
        {
            return true;
        }
        if (row.Cells.Length < _columns && row.Cells.Any(c => c.Contains('\n')))
        {
            // A quote opened and never closed swallows every following line into one value: stop rather than lose them.
            throw new ImportException($"Row {row.RowNumber} opens a quote (\") that is never closed, so the rest of the file would be read as one value. " +
                "Close the quote in that row and upload again; nothing was stored.");
        }
        report.Rejected(R.WrongColumnCount, row.RowNumber, row.Cells, $"{row.Cells.Length} columns, the header has {_columns}");
        return false;
    }

    public bool Has(string field) => mapping.Has(field);

    public string? Text(string field, string[] cells)
    {
        var column = mapping.ColumnOf(field);
        if (column < 0)
        {
            return null;
        }
        var cleaned = TextRepair.Clean(cells[column], out var spacing, out var encoding);
        if (spacing && cleaned is not null)
        {
            report.Applied(R.TextTrimmed);
        }
        if (encoding)
        {
            report.Applied(R.EncodingRepaired, cleaned);
        }
        return cleaned;
    }

    /// <summary>Reads the rows, applying <paramref name="add"/> to each complete one; reports progress and honours cancellation.</summary>
    public void ForEach(IEnumerable<TabularRow> rows, Action<TabularRow> add, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var row in rows)
        {
            if (++report.RowsRead % 20_000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(new ImportProgress("Reading and cleaning", report.RowsRead, clock.Elapsed));
            }
            if (HasAllColumns(row))
            {
                add(row);
            }
        }
        if (report.RowsRead == 0)
        {
            throw new ImportException("The file has a header but no rows: there is nothing to import.");
        }
    }
}
