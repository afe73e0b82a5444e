namespace RetailRecs.Core.Model;

/// <summary>A row of an imported file that was not stored, and why.</summary>
public class ImportRejection
{
    public long Id { get; set; }
    public int ImportBatchId { get; set; }
    public int RowNumber { get; set; }
    public string Reason { get; set; } = "";
    public string? RawRow { get; set; }
}
