using Npgsql;
using NpgsqlTypes;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a cleaned file to PostgreSQL inside the caller's transaction, chunk by chunk (see <see cref="TransactionWriter"/>),
/// with binary COPY: products, customers and orders go through temporary tables into "add if absent" inserts (natural
/// keys, as on SQLite), and the lines of new orders are copied straight into OrderLines. Lines of invoices already
/// stored are matched by the shared <see cref="LinePlan"/>, so a fuller export completes them instead of storing them twice.
/// </summary>
internal sealed class PostgresTransactionWriter(NpgsqlConnection connection, bool keysCheckedPerChunk) : ITransactionStore
{
    public static async Task<WriteCounts> WriteAsync(NpgsqlConnection connection, TransactionBatch batch, int importBatchId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await RunAsync(connection, """
            CREATE TEMP TABLE import_products (sku text, name text, price numeric, non_merchandise boolean, created timestamp, added boolean) ON COMMIT DROP;
            CREATE TEMP TABLE import_customers (code text, country text, joined date) ON COMMIT DROP;
            CREATE TEMP TABLE import_orders (invoice text, customer integer, placed_at timestamp, cancellation boolean, placed_on date,
                revenue numeric, items integer, lines integer, anonymised boolean) ON COMMIT DROP;
            """, ct);
        var keysCheckedPerChunk = await MaySkipRowTriggersAsync(connection, ct);
        return await new TransactionWriter(new PostgresTransactionWriter(connection, keysCheckedPerChunk), importBatchId, progress, ct).WriteAsync(batch);
    }

    /// <summary>
    /// Whether this role may set session_replication_role (a superuser, or PostgreSQL 15's
    /// <c>GRANT SET ON PARAMETER session_replication_role</c>): then the lines' foreign keys are checked once per distinct
    /// key of a chunk (<see cref="CheckKeysAsync"/>) instead of once per line by PostgreSQL's row triggers, which are two
    /// thirds of the server's work for the lines (6.2 of 9.4 s of CPU for Online Retail's 534,129 lines). Only while
    /// OrderLines has no trigger but the foreign keys' own: a trigger an operator added (audit, replication) still fires.
    /// </summary>
    private static async Task<bool> MaySkipRowTriggersAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var maySet = connection.PostgreSqlVersion.Major >= 15
            ? "has_parameter_privilege('session_replication_role', 'SET')"
            : "(SELECT rolsuper FROM pg_roles WHERE rolname = current_user)";
        await using var command = new NpgsqlCommand($"""
            SELECT {maySet} AND NOT EXISTS (SELECT 1 FROM pg_trigger WHERE tgrelid = '"OrderLines"'::regclass AND NOT tgisinternal)
            """, connection);
        return await command.ExecuteScalarAsync(ct) is true;
    }

    /// <summary>
    /// What the two foreign keys of OrderLines check, once per distinct key rather than once per line: every order and
    /// product exists, and each is locked FOR KEY SHARE (as PostgreSQL's own check does) so that no other transaction
    /// can delete it before this one commits. A missing key fails the import, which rolls everything back.
    /// </summary>
    internal static async Task CheckKeysAsync(NpgsqlConnection connection, IReadOnlyCollection<int> orderIds, IReadOnlyCollection<int> productIds,
        CancellationToken ct)
    {
        foreach (var (table, ids) in new[] { ("Orders", orderIds), ("Products", productIds) })
        {
            var wanted = ids.Distinct().ToArray();
            await using var command = new NpgsqlCommand($"""SELECT count(*) FROM (SELECT 1 FROM "{table}" WHERE "Id" = ANY($1) FOR KEY SHARE) k""", connection)
            {
                Parameters = { new() { Value = wanted } },
            };
            var found = (long)(await command.ExecuteScalarAsync(ct))!;
            if (found != wanted.Length)
            {
                throw new InvalidOperationException($"{wanted.Length - found} order line key(s) name no row of \"{table}\" (foreign key check).");
            }
        }
    }

    // Products and customers already stored are left out of the inserts, not only skipped by ON CONFLICT: an insert
    // that conflicts still takes a number from the id sequence, and the writer asks again for keys it no longer caches.
    public async Task<IReadOnlyList<(string Sku, int Id, bool Added)>> AddProductsAsync(IReadOnlyList<NewProduct> products, CancellationToken ct)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_products (sku, name, price, non_merchandise, created) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in products)
            {
                // Named for now; the whole file's usual name and price are settled at the end (SettleProductsAsync).
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Catalog.ProductRule.NameFor(p.Sku, null), NpgsqlDbType.Text, ct);
                await copy.WriteNullAsync(ct);
                await copy.WriteAsync(p.IsNonMerchandise, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(Unspecified(p.FirstSeenAt), NpgsqlDbType.Timestamp, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = await AddThenReadAsync("""
            INSERT INTO "Products" ("Sku", "Name", "Description", "UnitPrice", "IsActive", "IsNonMerchandise", "CreatedAt")
            SELECT sku, name, name, price, true, non_merchandise, created FROM import_products i
            WHERE NOT EXISTS (SELECT 1 FROM "Products" p WHERE p."Sku" = i.sku) ON CONFLICT ("Sku") DO NOTHING RETURNING "Sku"
            """, """SELECT p."Sku", p."Id" FROM "Products" p JOIN import_products i ON i.sku = p."Sku" """, "import_products",
            row => ids[row.GetString(0)] = row.GetInt32(1), ct);
        return ids.Select(kv => (kv.Key, kv.Value, added.Contains(kv.Key))).ToList();
    }

    public async Task<IReadOnlyList<(string Code, int Id, bool Added)>> AddCustomersAsync(IReadOnlyList<NewCustomer> customers, CancellationToken ct)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_customers FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var c in customers)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(c.Code, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, c.Country, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, c.JoinedOn, NpgsqlDbType.Date, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var added = await AddThenReadAsync("""
            INSERT INTO "Customers" ("CustomerCode", "Country", "JoinedOn", "PersonalizationOptOut", "HasFictionalProfile")
            SELECT code, country, joined, false, false FROM import_customers i
            WHERE NOT EXISTS (SELECT 1 FROM "Customers" c WHERE c."CustomerCode" = i.code) ON CONFLICT ("CustomerCode") DO NOTHING RETURNING "CustomerCode"
            """, """SELECT c."CustomerCode", c."Id" FROM "Customers" c JOIN import_customers i ON i.code = c."CustomerCode" """, "import_customers",
            row => ids[row.GetString(0)] = row.GetInt32(1), ct);
        return ids.Select(kv => (kv.Key, kv.Value, added.Contains(kv.Key))).ToList();
    }

    public async Task<IReadOnlyDictionary<string, int>> CustomersInSmallLettersAsync(IReadOnlyCollection<string> codes, CancellationToken ct)
    {
        var asked = codes.Select(c => (Code: c, Lower: c.ToLowerInvariant())).Where(c => c.Lower != c.Code).ToList();
        var found = new Dictionary<string, int>(StringComparer.Ordinal);
        if (asked.Count == 0)
        {
            return found;
        }
        await using var command = new NpgsqlCommand("""
            SELECT i.code, c."Id" FROM unnest($1::text[], $2::text[]) AS i(code, lower)
            JOIN "Customers" c ON c."CustomerCode" = i.lower
            WHERE NOT EXISTS (SELECT 1 FROM "Customers" d WHERE d."CustomerCode" = i.code)
            """, connection) { Parameters = { new() { Value = asked.Select(a => a.Code).ToArray() }, new() { Value = asked.Select(a => a.Lower).ToArray() } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            found[reader.GetString(0)] = reader.GetInt32(1);
        }
        return found;
    }

    public async Task<IReadOnlyDictionary<string, StoredOrder>> StoredOrdersAsync(IReadOnlyCollection<string> invoiceNumbers, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "InvoiceNumber", "Id", "CustomerId", "PlacedOn", "ImportBatchId" IS NOT NULL FROM "Orders" WHERE "InvoiceNumber" = ANY($1)
            """, connection) { Parameters = { new() { Value = invoiceNumbers.ToArray() } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var orders = new Dictionary<string, StoredOrder>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            orders[reader.GetString(0)] = new StoredOrder(reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.GetFieldValue<DateOnly>(3), reader.GetBoolean(4));
        }
        return orders;
    }

    public async Task<IReadOnlyList<OrderSlot>> AddOrdersAsync(IReadOnlyList<(OrderDraft Draft, int? CustomerId)> orders, int importBatchId, CancellationToken ct)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_orders FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (o, customerId) in orders)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(o.InvoiceNumber, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, customerId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(Unspecified(o.PlacedAt), NpgsqlDbType.Timestamp, ct);
                await copy.WriteAsync(o.IsCancellation, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(DateOnly.FromDateTime(o.PlacedAt), NpgsqlDbType.Date, ct);
                await copy.WriteAsync(o.Lines.Sum(l => l.Quantity * (l.UnitPrice ?? 0m)), NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(o.Lines.Sum(l => l.Quantity), NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(o.Lines.Count, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(o.IsAnonymised, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // RETURNING names the orders this chunk added; the others were stored before and have their lines matched.
        var stored = new Dictionary<string, (int Id, bool ThisImport, DateOnly PlacedOn, int? CustomerId)>(StringComparer.Ordinal);
        var added = await AddThenReadAsync($"""
            INSERT INTO "Orders" ("InvoiceNumber", "CustomerId", "PlacedAt", "IsCancellation", "ImportBatchId", "PlacedOn", "Revenue", "Items", "LineCount", "IsAnonymised")
            SELECT invoice, customer, placed_at, cancellation, {importBatchId}, placed_on, revenue, items, lines, anonymised FROM import_orders
            ON CONFLICT ("InvoiceNumber") DO NOTHING RETURNING "InvoiceNumber"
            """, """SELECT o."InvoiceNumber", o."Id", o."ImportBatchId", o."PlacedOn", o."CustomerId" FROM "Orders" o JOIN import_orders i ON i.invoice = o."InvoiceNumber" """,
            "import_orders", row => stored[row.GetString(0)] = (row.GetInt32(1), !row.IsDBNull(2) && row.GetInt32(2) == importBatchId, row.GetFieldValue<DateOnly>(3),
                row.IsDBNull(4) ? null : row.GetInt32(4)), ct);
        return orders.Select(o =>
        {
            var (id, thisImport, placedOn, customerId) = stored[o.Draft.InvoiceNumber];
            var addedNow = added.Contains(o.Draft.InvoiceNumber);
            return new OrderSlot(id, addedNow, !addedNow && thisImport, placedOn, customerId);
        }).ToList();
    }

    public async Task<IReadOnlyList<StoredLine>> StoredLinesAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "OrderId", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice", "LineNumber" FROM "OrderLines" WHERE "OrderId" = ANY($1)
            """, connection) { Parameters = { new() { Value = orderIds.ToArray() } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lines = new List<StoredLine>();
        while (await reader.ReadAsync(ct))
        {
            lines.Add(new StoredLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2), !reader.GetBoolean(3),
                reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetInt32(5)));
        }
        return lines;
    }

    public async Task<int> WriteLinesAsync(LinePlan plan, CancellationToken ct)
    {
        if (keysCheckedPerChunk && plan.NewOrderLines.Count > 0)
        {
            // Row triggers off for this COPY only (no table lock is taken); the keys are checked just below.
            await RunAsync(connection, "SET LOCAL session_replication_role = replica", ct);
        }
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "OrderLines" ("OrderId", "LineNumber", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var l in plan.NewOrderLines)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(l.OrderId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(l.LineNumber, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(l.ProductId, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(l.Quantity, NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(l.QuantityUnknown, NpgsqlDbType.Boolean, ct);
                await WriteNullableAsync(copy, l.Price, NpgsqlDbType.Numeric, ct);
            }
            await copy.CompleteAsync(ct);
        }
        if (keysCheckedPerChunk && plan.NewOrderLines.Count > 0)
        {
            await RunAsync(connection, "SET LOCAL session_replication_role = origin", ct);
            await CheckKeysAsync(connection, plan.NewOrderLines.Select(l => l.OrderId).ToList(), plan.NewOrderLines.Select(l => l.ProductId).ToList(), ct);
        }
        var added = plan.NewOrderLines.Count;
        foreach (var a in plan.Appended)
        {
            added += await RunAsync(connection, """
                INSERT INTO "OrderLines" ("OrderId", "LineNumber", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice")
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("OrderId", "LineNumber") DO NOTHING
                """, ct, a.OrderId, a.LineNumber, a.ProductId, a.Quantity, a.QuantityUnknown, a.Price);
        }
        foreach (var c in plan.Completed)
        {
            await RunAsync(connection, """
                UPDATE "OrderLines" SET "Quantity" = $1, "QuantityUnknown" = $2, "UnitPrice" = $3 WHERE "OrderId" = $4 AND "LineNumber" = $5
                """, ct, c.Quantity, c.QuantityUnknown, c.Price, c.OrderId, c.LineNumber);
        }
        return added;
    }

    public async Task SettleProductsAsync(IReadOnlyList<(ProductDraft Product, bool Added)> products, DateTime now, CancellationToken ct)
    {
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_products (sku, name, price, created, added) FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (p, added) in products)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Catalog.ProductRule.NameFor(p.Sku, p.Name), NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, p.UnitPrice, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(Unspecified(p.FirstSeenAt ?? now), NpgsqlDbType.Timestamp, ct);
                await copy.WriteAsync(added, NpgsqlDbType.Boolean, ct);
            }
            await copy.CompleteAsync(ct);
        }
        await RunAsync(connection, """
            UPDATE "Products" p SET "Name" = i.name, "Description" = i.name, "UnitPrice" = i.price, "CreatedAt" = i.created
            FROM import_products i WHERE p."Sku" = i.sku AND i.added
            """, ct);
        // A product first stored from an export without prices gets its price from the first export that has one.
        await RunAsync(connection, """
            UPDATE "Products" p SET "UnitPrice" = i.price FROM import_products i
            WHERE p."Sku" = i.sku AND NOT i.added AND p."UnitPrice" IS NULL AND i.price IS NOT NULL
            """, ct);
        // The products come in slices: the next slice starts from an empty staging table.
        await RunAsync(connection, "TRUNCATE import_products", ct);
    }

    public async Task SettleCustomersAsync(IReadOnlyList<(int Id, string? Country, DateOnly? JoinedOn)> customers, CancellationToken ct)
    {
        foreach (var (id, country, joinedOn) in customers)
        {
            await RunAsync(connection, """UPDATE "Customers" SET "Country" = $1, "JoinedOn" = $2 WHERE "Id" = $3""", ct, country, joinedOn, id);
        }
    }

    public async Task RefreshTotalsAsync(IReadOnlyCollection<int> orderIds, CancellationToken ct) =>
        await RunAsync(connection, """
            UPDATE "Orders" o SET "Revenue" = COALESCE(t.revenue, 0), "Items" = COALESCE(t.items, 0), "LineCount" = t.lines,
                "IsCancellation" = o."InvoiceNumber" ~ '^[Cc][0-9]+$' OR t.kept = 0
            FROM (SELECT "OrderId", SUM("Quantity" * "UnitPrice") AS revenue, SUM("Quantity") AS items, COUNT(*) AS lines,
                         COUNT(*) FILTER (WHERE "Quantity" >= 0) AS kept
                  FROM "OrderLines" WHERE "OrderId" = ANY($1) GROUP BY "OrderId") t
            WHERE o."Id" = t."OrderId"
            """, ct, orderIds.ToArray());

    private static async Task<int> RunAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// One round trip for a staged chunk (under load each trip waits for both processes to be scheduled): the "add if
    /// absent" insert, whose RETURNING names the keys it added; then every staged key's row, read by a statement of its
    /// own so that it sees the rows just added (and any another transaction committed meanwhile); then the staging
    /// table emptied for the next chunk.
    /// </summary>
    private async Task<HashSet<string>> AddThenReadAsync(string insert, string read, string staging, Action<NpgsqlDataReader> row, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection) { BatchCommands = { new(insert), new(read), new($"TRUNCATE {staging}") } };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var added = new HashSet<string>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            added.Add(reader.GetString(0));
        }
        await reader.NextResultAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            row(reader);
        }
        return added;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);

    /// <summary>Stored as written, as everywhere else (see PostgresRetailDbContext): "timestamp without time zone".</summary>
    private static DateTime Unspecified(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
}
