using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a cleaned file to SQLite with prepared commands inside the caller's transaction, chunk by chunk (see
/// <see cref="TransactionWriter"/>): far faster than EF change tracking for millions of lines.
/// </summary>
internal sealed class SqliteTransactionWriter : ITransactionStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _tx;
    private readonly SqliteCommand _insertProduct, _productId, _insertCustomer, _customerId, _customerInSmallLetters, _insertOrder, _order, _storedLines, _insertLine, _completeLine;

    /// <summary>
    /// Page cache for the import's connection (SQLite's default is 2 MB): the indexes of millions of lines are updated
    /// in place instead of spilling to the write-ahead log and being read back. A fixed amount, whatever the file.
    /// </summary>
    private const int ImportCacheKibibytes = 64 * 1024;

    private readonly long _cacheSize;

    private SqliteTransactionWriter(SqliteConnection connection, SqliteTransaction tx)
    {
        _connection = connection;
        _tx = tx;
        using (var pragma = Command("PRAGMA cache_size"))
        {
            _cacheSize = (long)pragma.ExecuteScalar()!;
        }
        using (var pragma = Command($"PRAGMA cache_size = -{ImportCacheKibibytes}"))
        {
            pragma.ExecuteNonQuery();
        }
        _insertProduct = Command("INSERT INTO Products (Sku, Name, Description, UnitPrice, IsActive, IsNonMerchandise, CreatedAt) " +
            "VALUES ($sku, $name, $name, $price, 1, $nonMerchandise, $now) ON CONFLICT(Sku) DO NOTHING",
            "$sku", "$name", "$price", "$nonMerchandise", "$now");
        _productId = Command("SELECT Id FROM Products WHERE Sku = $sku", "$sku");
        _insertCustomer = Command("INSERT INTO Customers (CustomerCode, Country, JoinedOn, PersonalizationOptOut, HasFictionalProfile) " +
            "VALUES ($code, $country, $joined, 0, 0) ON CONFLICT(CustomerCode) DO NOTHING", "$code", "$country", "$joined");
        _customerId = Command("SELECT Id FROM Customers WHERE CustomerCode = $code", "$code");
        _customerInSmallLetters = Command("SELECT Id FROM Customers WHERE CustomerCode = $lower AND NOT EXISTS (SELECT 1 FROM Customers WHERE CustomerCode = $code)",
            "$lower", "$code");
        _insertOrder = Command("INSERT INTO Orders (InvoiceNumber, CustomerId, PlacedAt, IsCancellation, ImportBatchId, PlacedOn, Revenue, Items, LineCount, IsAnonymised) " +
            "VALUES ($invoice, $customer, $placedAt, $cancellation, $batch, $placedOn, $revenue, $items, $lines, $anonymised) ON CONFLICT(InvoiceNumber) DO NOTHING",
            "$invoice", "$customer", "$placedAt", "$cancellation", "$batch", "$placedOn", "$revenue", "$items", "$lines", "$anonymised");
        _order = Command("SELECT Id, ImportBatchId, PlacedOn, CustomerId FROM Orders WHERE InvoiceNumber = $invoice", "$invoice");
        _storedLines = Command("SELECT OrderId, ProductId, Quantity, QuantityUnknown, UnitPrice, LineNumber FROM OrderLines WHERE OrderId = $order", "$order");
        _insertLine = Command("INSERT INTO OrderLines (OrderId, LineNumber, ProductId, Quantity, QuantityUnknown, UnitPrice) " +
            "VALUES ($order, $line, $product, $quantity, $unknown, $price) ON CONFLICT(OrderId, LineNumber) DO NOTHING",
            "$order", "$line", "$product", "$quantity", "$unknown", "$price");
        _completeLine = Command("UPDATE OrderLines SET Quantity = $quantity, QuantityUnknown = $unknown, UnitPrice = $price WHERE OrderId = $order AND LineNumber = $line",
            "$quantity", "$unknown", "$price", "$order", "$line");
    }

    public static async Task<WriteCounts> WriteAsync(SqliteConnection connection, DbTransaction transaction, TransactionBatch batch, int importBatchId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        using var store = new SqliteTransactionWriter(connection, (SqliteTransaction)transaction);
        return await new TransactionWriter(store, importBatchId, progress, ct).WriteAsync(batch);
    }

    public Task<IReadOnlyList<(string Sku, int Id, bool Added)>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken ct)
    {
        var ids = new List<(string, int, bool)>(products.Count);
        foreach (var p in products)
        {
            if (ScalarOrNull(_productId, p.Sku) is { } stored)
            {
                ids.Add((p.Sku, stored, false));
                continue;
            }
            // Named for now; the whole file's usual name and price are settled at the end (SettleProductsAsync).
            var added = Run(_insertProduct, p.Sku, Catalog.ProductRule.NameFor(p.Sku, null), null, p.IsNonMerchandise, p.FirstSeenAt) == 1;
            ids.Add((p.Sku, added ? LastInsertedId() : Scalar(_productId, p.Sku), added));
        }
        return Task.FromResult<IReadOnlyList<(string, int, bool)>>(ids);
    }

    public Task<IReadOnlyList<(string Code, int Id, bool Added)>> AddCustomersAsync(IReadOnlyList<NewCustomer> customers, CancellationToken ct)
    {
        var ids = new List<(string, int, bool)>(customers.Count);
        foreach (var c in customers)
        {
            if (ScalarOrNull(_customerId, c.Code) is { } stored)
            {
                ids.Add((c.Code, stored, false));
                continue;
            }
            var added = Run(_insertCustomer, c.Code, c.Country, c.JoinedOn) == 1;
            ids.Add((c.Code, added ? LastInsertedId() : Scalar(_customerId, c.Code), added));
        }
        return Task.FromResult<IReadOnlyList<(string, int, bool)>>(ids);
    }

    public Task<IReadOnlyDictionary<string, int>> CustomersInSmallLettersAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (code.ToLowerInvariant() is var lower && lower != code)
            {
                Bind(_customerInSmallLetters, lower, code);
                if (_customerInSmallLetters.ExecuteScalar() is { } id)
                {
                    found[code] = Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, int>>(found);
    }

    public Task<IReadOnlyDictionary<string, StoredOrder>> StoredOrdersAsync(IReadOnlyCollection<string> invoiceNumbers, CancellationToken ct)
    {
        var orders = new Dictionary<string, StoredOrder>(StringComparer.Ordinal);
        foreach (var invoice in invoiceNumbers)
        {
            _order.Parameters[0].Value = invoice;
            using var reader = _order.ExecuteReader();
            if (reader.Read())
            {
                orders[invoice] = new StoredOrder(reader.GetInt32(0), reader.IsDBNull(3) ? null : reader.GetInt32(3), reader.GetFieldValue<DateOnly>(2), !reader.IsDBNull(1));
            }
        }
        return Task.FromResult<IReadOnlyDictionary<string, StoredOrder>>(orders);
    }

    public Task<IReadOnlyList<OrderSlot>> AddOrdersAsync(IReadOnlyList<(OrderDraft Draft, int? CustomerId)> orders, int importBatchId, CancellationToken ct)
    {
        var slots = new List<OrderSlot>(orders.Count);
        foreach (var (o, customerId) in orders)
        {
            var (revenue, items, lineCount) = Model.Order.TotalsOf(o.Lines.Select(l => (l.Quantity, l.UnitPrice)));
            if (Run(_insertOrder, o.InvoiceNumber, customerId, o.PlacedAt, o.IsCancellation, importBatchId, DateOnly.FromDateTime(o.PlacedAt), (double)revenue, items, lineCount, o.IsAnonymised) == 1)
            {
                slots.Add(new OrderSlot(LastInsertedId(), AddedNow: true, AddedByThisImport: false, DateOnly.FromDateTime(o.PlacedAt), customerId));
                continue;
            }
            _order.Parameters[0].Value = o.InvoiceNumber;
            using var reader = _order.ExecuteReader();
            reader.Read();
            slots.Add(new OrderSlot(reader.GetInt32(0), AddedNow: false, AddedByThisImport: !reader.IsDBNull(1) && reader.GetInt32(1) == importBatchId,
                reader.GetFieldValue<DateOnly>(2), reader.IsDBNull(3) ? null : reader.GetInt32(3)));
        }
        return Task.FromResult<IReadOnlyList<OrderSlot>>(slots);
    }

    public Task<IReadOnlyList<StoredLine>> StoredLinesAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct)
    {
        var lines = new List<StoredLine>();
        foreach (var id in orderIds)
        {
            _storedLines.Parameters[0].Value = id;
            using var reader = _storedLines.ExecuteReader();
            while (reader.Read())
            {
                lines.Add(new StoredLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), !reader.GetBoolean(3),
                    reader.IsDBNull(4) ? null : (decimal)reader.GetDouble(4), reader.GetInt32(5)));
            }
        }
        return Task.FromResult<IReadOnlyList<StoredLine>>(lines);
    }

    public Task<int> WriteLinesAsync(LinePlan plan, CancellationToken ct)
    {
        var added = 0;
        foreach (var l in plan.NewOrderLines.Concat(plan.Appended))
        {
            added += Run(_insertLine, l.OrderId, l.LineNumber, l.ProductId, l.Quantity, l.QuantityUnknown, (double?)l.Price);
        }
        foreach (var c in plan.Completed)
        {
            Run(_completeLine, c.Quantity, c.QuantityUnknown, (double?)c.Price, c.OrderId, c.LineNumber);
        }
        return Task.FromResult(added);
    }

    public Task SettleProductsAsync(IReadOnlyList<(ProductDraft Product, bool Added)> products, DateTime now, CancellationToken ct)
    {
        using var settle = Command("UPDATE Products SET Name = $name, Description = $name, UnitPrice = $price, CreatedAt = $created WHERE Sku = $sku",
            "$name", "$price", "$created", "$sku");
        // A product first stored from an export without prices gets its price from the first export that has one.
        using var price = Command("UPDATE Products SET UnitPrice = $price WHERE Sku = $sku AND UnitPrice IS NULL", "$price", "$sku");
        foreach (var (p, added) in products)
        {
            if (added)
            {
                Run(settle, Catalog.ProductRule.NameFor(p.Sku, p.Name), (double?)p.UnitPrice, p.FirstSeenAt ?? now, p.Sku);
            }
            else if (p.UnitPrice is { } unitPrice)
            {
                Run(price, (double)unitPrice, p.Sku);
            }
        }
        return Task.CompletedTask;
    }

    public Task SettleCustomersAsync(IReadOnlyList<(int Id, string? Country, DateOnly? JoinedOn)> customers, CancellationToken ct)
    {
        using var settle = Command("UPDATE Customers SET Country = $country, JoinedOn = $joined WHERE Id = $id", "$country", "$joined", "$id");
        foreach (var (id, country, joinedOn) in customers)
        {
            Run(settle, country, joinedOn, id);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// Order.TotalsOf in SQL, for speed (tests: BulkWriterParityTests), and <see cref="TransactionCleaner.IsCancellationOrder"/>:
    /// C followed by digits, or every line going back.
    /// </summary>
    public Task RefreshTotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct)
    {
        using var update = Command(
            "UPDATE Orders SET Revenue = COALESCE((SELECT SUM(Quantity * UnitPrice) FROM OrderLines WHERE OrderId = $id), 0), " +
            "Items = COALESCE((SELECT SUM(Quantity) FROM OrderLines WHERE OrderId = $id), 0), " +
            "LineCount = (SELECT COUNT(*) FROM OrderLines WHERE OrderId = $id), " +
            "IsCancellation = (InvoiceNumber GLOB '[Cc][0-9]*' AND substr(InvoiceNumber, 2) NOT GLOB '*[^0-9]*') " +
            "OR NOT EXISTS (SELECT 1 FROM OrderLines WHERE OrderId = $id AND Quantity >= 0) WHERE Id = $id", "$id");
        foreach (var id in orderIds)
        {
            Run(update, id);
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        // The connection goes back to the pool: later work on it keeps SQLite's usual cache. After a failed write (a full
        // disk ends the transaction) this may fail too; the write's own error is the one to report.
        try
        {
            using var pragma = _connection.CreateCommand();
            pragma.CommandText = $"PRAGMA cache_size = {_cacheSize}";
            pragma.Transaction = _tx.Connection is null ? null : _tx;
            pragma.ExecuteNonQuery();
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException)
        {
        }
        foreach (var command in new[] { _insertProduct, _productId, _insertCustomer, _customerId, _customerInSmallLetters, _insertOrder, _order, _storedLines, _insertLine, _completeLine })
        {
            command.Dispose();
        }
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _tx;
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    /// <summary>
    /// The id of the row the last INSERT added, from the connection. Not <c>RETURNING Id</c>: in SQLite that made each
    /// order's insert four times as slow (the 10× file's 238 k orders one by one in sqlite3: 13.6 s, 5.3 s of it in the
    /// kernel, against 3.4 s without it).
    /// </summary>
    private int LastInsertedId() => checked((int)SQLitePCL.raw.sqlite3_last_insert_rowid(_connection.Handle));

    /// <summary>
    /// The stored row's id, looked up before inserting: an insert that meets a stored key still uses up a number of the
    /// table's AUTOINCREMENT sequence, and the writer asks again for keys it no longer caches.
    /// </summary>
    private static int? ScalarOrNull(SqliteCommand command, object value)
    {
        command.Parameters[0].Value = value;
        return command.ExecuteScalar() is { } id ? Convert.ToInt32(id, System.Globalization.CultureInfo.InvariantCulture) : null;
    }

    private static int Scalar(SqliteCommand command, object value)
    {
        command.Parameters[0].Value = value;
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <returns>1 when the row was added, 0 when its key was already stored.</returns>
    private static int Run(SqliteCommand command, params object?[] values)
    {
        Bind(command, values);
        return command.ExecuteNonQuery();
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] switch
            {
                null => DBNull.Value,
                DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                var v => v,
            };
        }
    }
}
