namespace RetailRecs.Core.Import.Tabular;

/// <summary>The file looked like UTF-8 at its start but is not further on: the importer reads it again as Windows-1252.</summary>
public sealed class TextEncodingException(int rowNumber)
    : ImportException($"The file is not valid UTF-8 from row {rowNumber} on.")
{
    public int RowNumber { get; } = rowNumber;
}
