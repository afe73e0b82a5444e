namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// What one database does for <see cref="TransactionWriter"/>, inside the import's transaction, one chunk at a time.
/// Natural keys (SKU, customer code, invoice number, invoice + line number) make every insert "add if absent".
/// </summary>
internal interface ITransactionStore
{
    /// <summary>Adds the products not stored yet (named and priced later); returns the id of every one given, and whether this call added it.</summary>
    Task<IReadOnlyList<(string Sku, int Id, bool Added)>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken ct);

    /// <summary>Adds the customers not stored yet; returns the id of every one given, and whether this call added it.</summary>
    Task<IReadOnlyList<(string Code, int Id, bool Added)>> AddCustomersAsync(IReadOnlyList<NewCustomer> customers, CancellationToken ct);

    /// <summary>
    /// For codes (in capitals, as imports give them) that no customer has: the customer stored under the same code in
    /// small letters (the API keeps a till's code as sent, "ws-ab12"), by the code asked for. A code written in mixed
    /// letters ("Ws-Ab12") is not found: the lookup is by the index, one form per code.
    /// </summary>
    Task<IReadOnlyDictionary<string, int>> CustomersInSmallLettersAsync(IReadOnlyCollection<string> codes, CancellationToken ct);

    /// <summary>The orders stored under these numbers (whose, which day, imported or sent by the API); numbers not stored are absent.</summary>
    Task<IReadOnlyDictionary<string, StoredOrder>> StoredOrdersAsync(IReadOnlyCollection<string> invoiceNumbers, CancellationToken ct);

    /// <summary>Adds the orders not stored yet (with their totals, without lines); returns each one's id and where it came from, in the order given.</summary>
    Task<IReadOnlyList<OrderSlot>> AddOrdersAsync(IReadOnlyList<(OrderDraft Draft, int? CustomerId)> orders, int importBatchId, CancellationToken ct);

    /// <summary>The lines already stored for the given orders.</summary>
    Task<IReadOnlyList<StoredLine>> StoredLinesAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct);

    /// <summary>Writes one chunk's planned lines; returns how many lines were added.</summary>
    Task<int> WriteLinesAsync(LinePlan plan, CancellationToken ct);

    /// <summary>
    /// At the end of the file, a slice of its products per call: products this import added get the name, price and
    /// first sale the whole file gives them; a product stored without a price gets the file's usual price.
    /// </summary>
    Task SettleProductsAsync(IReadOnlyList<(ProductDraft Product, bool Added)> products, DateTime now, CancellationToken ct);

    /// <summary>At the end of the file: customers this import added whose country or first purchase a later chunk changed.</summary>
    Task SettleCustomersAsync(IReadOnlyList<(int Id, string? Country, DateOnly? JoinedOn)> customers, CancellationToken ct);

    /// <summary>Recomputes the stored totals of orders that received or completed lines after they were first written.</summary>
    Task RefreshTotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct);
}

internal sealed record NewCustomer(string Code, string? Country, DateOnly? JoinedOn);

/// <summary>An order stored before: its id, customer (null for a guest), day, and whether an import stored it (not the API).</summary>
internal readonly record struct StoredOrder(int Id, int? CustomerId, DateOnly PlacedOn, bool Imported);

/// <summary>
/// An order of the chunk as stored: its id, whether this chunk added it or an earlier chunk of the same import did, and
/// the day it is stored on (an order stored before keeps its own day, whatever the file says) and whose it is.
/// </summary>
internal readonly record struct OrderSlot(int Id, bool AddedNow, bool AddedByThisImport, DateOnly PlacedOn, int? CustomerId);

/// <summary>One line stored before this chunk.</summary>
internal readonly record struct StoredLine(int OrderId, int ProductId, int Quantity, bool QuantityKnown, decimal? Price, int LineNumber);
