using RetailRecs.Core.Import.Cleaning;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// A transactions file being read and cleaned: its orders come in <see cref="Chunks"/> of whole invoices, so no more
/// than one chunk of lines is ever held, whatever the file's size. What the whole file says about each product (its
/// usual name and price, its first sale) and each customer's country is kept in <see cref="Tally"/>, on disk.
/// <see cref="Report"/>, <see cref="Tally"/> and <see cref="LineCount"/> are final once the chunks are read to the end.
/// Disposing it lets the tally's file go.
/// </summary>
public sealed class TransactionBatch : IDisposable
{
    public required CleaningReport Report { get; init; }
    internal FileTally Tally { get; } = new();
    /// <summary>The orders of the chunk being read.</summary>
    internal Dictionary<string, OrderDraft> Orders { get; } = new(StringComparer.Ordinal);
    /// <summary>Lines in <see cref="Orders"/>.</summary>
    internal int PendingLines { get; set; }
    /// <summary>Lines kept from the file so far.</summary>
    public int LineCount { get; internal set; }
    /// <summary>The file's orders, a chunk of whole invoices at a time (an invoice split across the file may recur in a later chunk); read once.</summary>
    public IEnumerable<TransactionChunk> Chunks { get; internal set; } = [];
    /// <summary>Product and customer ids the writer keeps by key (tests make it small, to see keys looked up again).</summary>
    internal int IdCache { get; set; } = TransactionWriter.DefaultIdCache;

    public void Dispose() => Tally.Dispose();
}

/// <summary>
/// Whole invoices read since the previous chunk, with what a writer needs of the file so far (the chunk's products,
/// its customers' countries) copied out, so a chunk can be written while the cleaner reads the next.
/// </summary>
public sealed record TransactionChunk(IReadOnlyList<OrderDraft> Orders, IReadOnlyList<NewProduct> Products, IReadOnlyDictionary<string, string?> Countries);

/// <summary>A product of this chunk (perhaps met before); its usual name and price are known at the end of the file.</summary>
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
}

public sealed class OrderDraft(string invoiceNumber, string? customerCode, DateTime placedAt, bool isCancellation, string? legacyKey = null)
{
    public string InvoiceNumber { get; private set; } = invoiceNumber;
    /// <summary>
    /// A customer's basket in a file without invoice numbers was keyed by a 32-bit hash of their code before
    /// 2026-12-06: the key an earlier import may have stored this basket under (see <see cref="TransactionWriter"/>).
    /// </summary>
    public string? LegacyKey { get; } = legacyKey;

    /// <summary>The basket was stored under its old key, for this customer: matched there, not stored again.</summary>
    public void KeepLegacyKey() => InvoiceNumber = LegacyKey ?? InvoiceNumber;
    public string? CustomerCode { get; } = customerCode;
    public DateTime PlacedAt { get; } = placedAt;

    /// <summary>The receipt or invoice number the file gave (null when the key was made from the customer and the time).</summary>
    public string? Number { get; init; }

    /// <summary>
    /// A receipt number met on another day than the basket stored under it is another basket: tills that number
    /// receipts per day (or per till) reuse them. It is then stored under its number and day. Before 2026-12-07 every
    /// day's receipt "1" joined the first day's basket. Null when the number is too long to carry its day (such numbers
    /// are not restarted daily).
    /// </summary>
    public static string? DatedNumber(string number, DateTime placedAt) =>
        number.Length + 11 <= TransactionCleanerLimits.Invoice ? $"{number} {placedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}" : null;

    /// <summary>Stores the basket under this key: its number, or its number and day (<see cref="TransactionWriter"/> decides).</summary>
    internal void KeyAs(string key) => InvoiceNumber = key;
    public bool IsCancellation { get; set; } = isCancellation;
    /// <summary>The file named a customer who was erased: stored without them and, like their earlier sales, never trained on.</summary>
    public bool IsAnonymised { get; set; }
    public List<LineDraft> Lines { get; } = [];
}

/// <summary>One line: its position in the invoice (the natural key with the invoice number), product, quantity, price.</summary>
/// <param name="QuantityKnown">False when the file had no quantity column (the line then counts as one unit).</param>
public readonly record struct LineDraft(int LineNumber, string Sku, int Quantity, decimal? UnitPrice, bool QuantityKnown = true);
