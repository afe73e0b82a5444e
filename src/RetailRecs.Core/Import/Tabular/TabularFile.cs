namespace RetailRecs.Core.Import.Tabular;

/// <summary>
/// A table read from an uploaded file (CSV, gzip-compressed CSV or Excel workbook): what was detected about it,
/// its header, and its rows, streamed once.
/// </summary>
public sealed class TabularFile(string format, string encoding, string? delimiter, IReadOnlyList<string> header,
    IEnumerable<TabularRow> rows, IDisposable? owner) : IDisposable
{
    /// <summary>"CSV", "CSV (gzip)" or "Excel workbook".</summary>
    public string Format { get; } = format;
    public string Encoding { get; } = encoding;
    /// <summary>A readable name of the delimiter ("comma", "semicolon", "tab", "pipe"), null for workbooks.</summary>
    public string? Delimiter { get; } = delimiter;
    public IReadOnlyList<string> Header { get; } = header;
    public IEnumerable<TabularRow> Rows { get; } = rows;

    public void Dispose() => owner?.Dispose();
}
