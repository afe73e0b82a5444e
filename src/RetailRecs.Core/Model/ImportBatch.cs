namespace RetailRecs.Core.Model;

public enum ImportKind { Products, Customers, Transactions, DemoSeed }

public enum ImportStatus { Running, Succeeded, Failed, Skipped, Cancelled }

/// <summary>One file loaded into the database: who loaded it, what it held and what became of its rows.</summary>
public class ImportBatch : IOwnedJob
{
    /// <summary>The process running it (see ProcessOwner): another instance leaves it alone while that process lives.</summary>
    public string? Owner { get; set; } = ProcessOwner.Current;

    public int Id { get; set; }
    public ImportKind Kind { get; set; }
    public string FileName { get; set; } = "";
    /// <summary>SHA-256 of the file's bytes, hex: the same file is never imported twice.</summary>
    public string Sha256 { get; set; } = "";
    public ImportStatus Status { get; set; }
    public DateTime StartedAt { get; set; } = DateTime.UtcNow;
    public DateTime? FinishedAt { get; set; }
    public int RowsRead { get; set; }
    public int RowsImported { get; set; }
    public int RowsRejected { get; set; }
    public string ImportedBy { get; set; } = "";
    public string? Message { get; set; }
    public List<ImportRejection> Rejections { get; set; } = [];

    /// <summary>
    /// Which of the file's columns (0-based, comma-separated) hold a customer's code, e-mail, phone or loyalty number:
    /// a rejected row is a customer's only through those cells (an invoice "12" or a quantity is nobody's code). The
    /// code's column is marked "c" ("c6,3,4"; unmarked in imports stored before 2026-12-07): a row with a code is that
    /// customer's alone (see Privacy.RejectedRowsNaming). Empty for a file without any; null for imports stored before
    /// it was kept, whose rows are matched by any cell.
    /// </summary>
    public string? IdentifierColumns { get; set; }
}
