namespace RetailRecs.Core.Import.Tabular;

/// <summary>Opens an uploaded file by its name: .xlsx as a workbook, anything else (.csv, .csv.gz, .txt, .tsv) as delimited text.</summary>
public static class TabularReader
{
    static TabularReader() => CodePages.EnsureRegistered();

    /// <summary>The unpacked size allowed when nobody says otherwise: the default upload limit times the default ratio.</summary>
    public static long DefaultMaxUnpackedBytes { get; } = new ImportOptions().MaxUnpackedBytes;

    /// <param name="encoding">Text files only: read with this encoding instead of the detected one.</param>
    /// <param name="maxUnpackedBytes">Compressed files (.gz, .xlsx) are refused when they would unpack to more than this.</param>
    public static TabularFile Open(Stream stream, string fileName, System.Text.Encoding? encoding = null, long? maxUnpackedBytes = null)
    {
        if (fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException($"'{fileName}' is an old-style .xls workbook. Save it as .xlsx or CSV and upload that.");
        }
        return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? XlsxTabularReader.Open(stream, fileName, maxUnpackedBytes ?? DefaultMaxUnpackedBytes)
            : CsvTabularReader.Open(stream, fileName, maxUnpackedBytes ?? DefaultMaxUnpackedBytes, encoding);
    }

    public static TabularFile Open(string path) => Open(File.OpenRead(path), Path.GetFileName(path));
}
