namespace RetailRecs.Core.Import.Tabular;

/// <summary>Opens an uploaded file by its name: .xlsx as a workbook, anything else (.csv, .csv.gz, .txt, .tsv) as delimited text.</summary>
public static class TabularReader
{
    static TabularReader() => CodePages.EnsureRegistered();

    /// <param name="encoding">Text files only: read with this encoding instead of the detected one.</param>
    public static TabularFile Open(Stream stream, string fileName, System.Text.Encoding? encoding = null)
    {
        if (fileName.EndsWith(".xls", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportException($"'{fileName}' is an old-style .xls workbook. Save it as .xlsx or CSV and upload that.");
        }
        return fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase)
            ? XlsxTabularReader.Open(stream, fileName)
            : CsvTabularReader.Open(stream, fileName, encoding);
    }

    public static TabularFile Open(string path) => Open(File.OpenRead(path), Path.GetFileName(path));
}
