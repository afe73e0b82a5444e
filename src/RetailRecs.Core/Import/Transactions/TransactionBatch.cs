using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>A transactions file after reading and cleaning: what would be stored, and the report of how it got there.</summary>
public sealed class TransactionBatch
{
    public required CleaningReport Report { get; init; }
    public Dictionary<string, ProductDraft> Products { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> CustomerCountries { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, OrderDraft> Orders { get; } = new(StringComparer.Ordinal);
    public int LineCount => Orders.Values.Sum(o => o.Lines.Count);
}

public sealed class ProductDraft(string sku)
{
    public string Sku { get; } = sku;
    public string? Name { get; set; }
    public decimal? UnitPrice { get; set; }
    public bool IsNonMerchandise { get; set; }
    /// <summary>
    /// The earliest line (sale or return) of the product in the file. A product first met in the sales enters the
    /// catalog on that day, so "new in the catalog" means something for exports that carry no introduction dates.
    /// </summary>
    public DateTime? FirstSeenAt { get; set; }
    /// <summary>How often each description and price was seen, to pick the usual ones.</summary>
    internal Dictionary<string, int> Descriptions { get; } = new(StringComparer.Ordinal);
    internal Dictionary<decimal, int> Prices { get; } = new();
}

public sealed class OrderDraft(string invoiceNumber, string? customerCode, DateTime placedAt, bool isCancellation)
{
    public string InvoiceNumber { get; } = invoiceNumber;
    public string? CustomerCode { get; } = customerCode;
    public DateTime PlacedAt { get; } = placedAt;
    public bool IsCancellation { get; set; } = isCancellation;
    public List<LineDraft> Lines { get; } = [];
}

/// <summary>One line: its position in the invoice (the natural key with the invoice number), product, quantity, price.</summary>
/// <param name="QuantityKnown">False when the file had no quantity column (the line then counts as one unit).</param>
public readonly record struct LineDraft(int LineNumber, string Sku, int Quantity, decimal? UnitPrice, bool QuantityKnown = true);
