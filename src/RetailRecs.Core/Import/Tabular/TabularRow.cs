namespace RetailRecs.Core.Import.Tabular;

/// <summary>One data row of a file: its number as a spreadsheet shows it (the header is row 1) and its cells as text.</summary>
public readonly record struct TabularRow(int RowNumber, string[] Cells);
