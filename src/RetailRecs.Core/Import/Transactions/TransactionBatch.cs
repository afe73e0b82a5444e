using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// A transactions file being read and cleaned: its orders come in <see cref="Chunks"/> of whole invoices, so no more
/// than one chunk of lines is ever held, whatever the file's size. What is kept for the whole file grows with the
/// catalog and the customers, not with the lines: each product's usual name and price, each customer's country.
/// <see cref="Report"/>, <see cref="Products"/> and <see cref="LineCount"/> are final once the chunks are read to the end.
/// </summary>
public sealed class TransactionBatch
{
    public required CleaningReport Report { get; init; }
    public Dictionary<string, ProductDraft> Products { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string?> CustomerCountries { get; } = new(StringComparer.Ordinal);
    /// <summary>The orders of the chunk being read.</summary>
    internal Dictionary<string, OrderDraft> Orders { get; } = new(StringComparer.Ordinal);
    /// <summary>Lines in <see cref="Orders"/>.</summary>
    internal int PendingLines { get; set; }
    /// <summary>Lines kept from the file so far.</summary>
    public int LineCount { get; internal set; }
    /// <summary>The file's orders, a chunk of whole invoices at a time (an invoice split across the file may recur in a later chunk); read once.</summary>
    public IEnumerable<TransactionChunk> Chunks { get; internal set; } = [];
}

/// <summary>
/// Whole invoices read since the previous chunk, with what a writer needs of the file so far (the products it first
/// names, its customers' countries) copied out, so a chunk can be written while the cleaner reads the next.
/// </summary>
public sealed record TransactionChunk(IReadOnlyList<OrderDraft> Orders, IReadOnlyList<NewProduct> NewProducts, IReadOnlyDictionary<string, string?> Countries);

/// <summary>A product first met in this chunk; its usual name and price are known at the end of the file.</summary>
public sealed record NewProduct(string Sku, bool IsNonMerchandise, DateTime FirstSeenAt);

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
