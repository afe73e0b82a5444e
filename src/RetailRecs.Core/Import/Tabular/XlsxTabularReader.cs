using System.Globalization;
using ExcelDataReader;

namespace RetailRecs.Core.Import.Tabular;

/// <summary>Reads the first sheet of an Excel workbook, streaming, with ExcelDataReader. Dates and numbers become invariant text.</summary>
internal static class XlsxTabularReader
{
    public static TabularFile Open(Stream stream, string fileName, long maxUnpackedBytes)
    {
        RefuseBomb(stream, fileName, maxUnpackedBytes);
        IExcelDataReader reader;
        try
        {
            reader = ExcelReaderFactory.CreateReader(stream);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            stream.Dispose();
            throw new ImportException($"'{fileName}' could not be opened as an Excel workbook ({ex.Message}). Save it again from Excel as .xlsx, or export it as CSV.", ex);
        }
        if (!reader.Read())
        {
            reader.Dispose();
            stream.Dispose();
            throw new ImportException($"The first sheet of '{fileName}' is empty.");
        }
        var header = HeaderNames.Distinct(Enumerable.Range(0, reader.FieldCount).Select(i => Cell(reader.GetValue(i))).ToArray());
        return new TabularFile("Excel workbook", "xlsx", null, header, Rows(reader), reader);
    }

    /// <summary>
    /// A workbook is a zip: its parts' unpacked sizes are listed up front, so a workbook that would unpack beyond the limit
    /// (a decompression bomb, or a sheet far larger than any export) is refused before any of it is read.
    /// </summary>
    private static void RefuseBomb(Stream stream, string fileName, long maxUnpackedBytes)
    {
        if (!stream.CanSeek)
        {
            return;
        }
        long unpacked;
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            unpacked = zip.Entries.Sum(e => e.Length);
        }
        catch (InvalidDataException)
        {
            unpacked = 0; // not a zip at all: ExcelDataReader says so in its own words below
        }
        stream.Position = 0;
        if (unpacked > maxUnpackedBytes)
        {
            stream.Dispose();
            throw new ImportException($"'{fileName}' unpacks to {LimitedStream.Megabytes(unpacked)}, more than an import takes " +
                $"({LimitedStream.Megabytes(maxUnpackedBytes)}). Split it into smaller files, or export it as .csv.gz. Nothing was stored.");
        }
    }

    private static IEnumerable<TabularRow> Rows(IExcelDataReader reader)
    {
        var rowNumber = 1;
        while (reader.Read())
        {
            rowNumber++;
            var cells = new string[reader.FieldCount];
            for (var i = 0; i < cells.Length; i++)
            {
                cells[i] = Cell(reader.GetValue(i));
            }
            if (cells.All(string.IsNullOrEmpty))
            {
                continue; // Excel keeps formatted but empty rows; they are not data.
            }
            yield return new TabularRow(rowNumber, cells);
        }
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        DateTime d => d.ToString(d.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        double n => n.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
