using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// Writes a cleaned batch to PostgreSQL inside the caller's transaction with binary COPY: products, customers and
/// orders go through temporary tables into "add if absent" inserts (natural keys, as on SQLite), and the lines of new
/// orders are copied straight into OrderLines. Lines of invoices already stored are matched one by one, as on SQLite,
/// so a fuller export completes them instead of storing them twice.
/// </summary>
internal static class PostgresTransactionWriter
{
    public static async Task<WriteCounts> WriteAsync(NpgsqlConnection connection, TransactionBatch batch, int importBatchId,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var now = DateTime.SpecifyKind(DateTime.UtcNow, DateTimeKind.Unspecified);
        var clock = Stopwatch.StartNew();

        await RunAsync(connection, """
            CREATE TEMP TABLE import_products (sku text, name text, price numeric, non_merchandise boolean, created timestamp) ON COMMIT DROP;
            CREATE TEMP TABLE import_customers (code text, country text, joined date) ON COMMIT DROP;
            CREATE TEMP TABLE import_orders (invoice text, customer text, placed_at timestamp, cancellation boolean, placed_on date,
                revenue numeric, items integer, lines integer) ON COMMIT DROP;
            """, ct);

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_products FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var p in batch.Products.Values)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(p.Sku, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(p.Name ?? $"Item {p.Sku}", NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, p.UnitPrice, NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(p.IsNonMerchandise, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(Unspecified(p.FirstSeenAt ?? now), NpgsqlDbType.Timestamp, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var productsAdded = await RunAsync(connection, """
            INSERT INTO "Products" ("Sku", "Name", "Description", "UnitPrice", "IsActive", "IsNonMerchandise", "CreatedAt")
            SELECT sku, name, name, price, true, non_merchandise, created FROM import_products ON CONFLICT ("Sku") DO NOTHING
            """, ct);
        // A product first stored from an export without prices gets its price from the first export that has one.
        await RunAsync(connection, """
            UPDATE "Products" p SET "UnitPrice" = i.price FROM import_products i
            WHERE p."Sku" = i.sku AND p."UnitPrice" IS NULL AND i.price IS NOT NULL
            """, ct);
        var productIds = await IdsAsync(connection, """SELECT p."Sku", p."Id" FROM "Products" p JOIN import_products i ON i.sku = p."Sku" """, ct);

        var firstPurchase = batch.Orders.Values.Where(o => o.CustomerCode is not null)
            .GroupBy(o => o.CustomerCode!).ToDictionary(g => g.Key, g => g.Min(o => o.PlacedAt));
        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_customers FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var (code, country) in batch.CustomerCountries)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(code, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, country, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, firstPurchase.TryGetValue(code, out var d) ? DateOnly.FromDateTime(d) : (DateOnly?)null, NpgsqlDbType.Date, ct);
            }
            await copy.CompleteAsync(ct);
        }
        var customersAdded = await RunAsync(connection, """
            INSERT INTO "Customers" ("CustomerCode", "Country", "JoinedOn", "PersonalizationOptOut", "HasFictionalProfile")
            SELECT code, country, joined, false, false FROM import_customers ON CONFLICT ("CustomerCode") DO NOTHING
            """, ct);
        var customerIds = await IdsAsync(connection, """SELECT c."CustomerCode", c."Id" FROM "Customers" c JOIN import_customers i ON i.code = c."CustomerCode" """, ct);

        await using (var copy = await connection.BeginBinaryImportAsync("COPY import_orders FROM STDIN (FORMAT BINARY)", ct))
        {
            foreach (var o in batch.Orders.Values)
            {
                await copy.StartRowAsync(ct);
                await copy.WriteAsync(o.InvoiceNumber, NpgsqlDbType.Text, ct);
                await WriteNullableAsync(copy, o.CustomerCode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(Unspecified(o.PlacedAt), NpgsqlDbType.Timestamp, ct);
                await copy.WriteAsync(o.IsCancellation, NpgsqlDbType.Boolean, ct);
                await copy.WriteAsync(DateOnly.FromDateTime(o.PlacedAt), NpgsqlDbType.Date, ct);
                await copy.WriteAsync(o.Lines.Sum(l => l.Quantity * (l.UnitPrice ?? 0m)), NpgsqlDbType.Numeric, ct);
                await copy.WriteAsync(o.Lines.Sum(l => l.Quantity), NpgsqlDbType.Integer, ct);
                await copy.WriteAsync(o.Lines.Count, NpgsqlDbType.Integer, ct);
            }
            await copy.CompleteAsync(ct);
        }
        // RETURNING names the orders this import added; the others were stored before and have their lines matched.
        var addedInvoices = new HashSet<string>(StringComparer.Ordinal);
        await using (var insert = new NpgsqlCommand($"""
            INSERT INTO "Orders" ("InvoiceNumber", "CustomerId", "PlacedAt", "IsCancellation", "ImportBatchId", "PlacedOn", "Revenue", "Items", "LineCount", "IsAnonymised")
            SELECT i.invoice, c."Id", i.placed_at, i.cancellation, {importBatchId}, i.placed_on, i.revenue, i.items, i.lines, false
            FROM import_orders i LEFT JOIN "Customers" c ON c."CustomerCode" = i.customer
            ON CONFLICT ("InvoiceNumber") DO NOTHING RETURNING "InvoiceNumber"
            """, connection))
        await using (var reader = await insert.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                addedInvoices.Add(reader.GetString(0));
            }
        }
        var orderIds = await IdsAsync(connection, """SELECT o."InvoiceNumber", o."Id" FROM "Orders" o JOIN import_orders i ON i.invoice = o."InvoiceNumber" """, ct);
        var existingOrderIds = batch.Orders.Values.Where(o => !addedInvoices.Contains(o.InvoiceNumber)).Select(o => orderIds[o.InvoiceNumber]).ToHashSet();
        var storedLines = existingOrderIds.Count == 0 ? [] : await StoredLinesOfAsync(connection, existingOrderIds, ct);

        int linesAdded = 0, linesSeen = 0, linesCompleted = 0, pricesFilled = 0, quantitiesFilled = 0;
        var changedOrders = new HashSet<int>();
        var appended = new List<(int OrderId, int LineNumber, int ProductId, int Quantity, bool Unknown, decimal? Price)>();
        var completed = new List<(int OrderId, int LineNumber, int Quantity, bool Unknown, decimal? Price)>();
        await using (var copy = await connection.BeginBinaryImportAsync(
            """COPY "OrderLines" ("OrderId", "LineNumber", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice") FROM STDIN (FORMAT BINARY)""", ct))
        {
            foreach (var o in batch.Orders.Values)
            {
                var orderId = orderIds[o.InvoiceNumber];
                var stored = storedLines.GetValueOrDefault(orderId);
                foreach (var l in o.Lines)
                {
                    var productId = productIds[l.Sku];
                    var match = stored?.Take(productId, l.Quantity, l.QuantityKnown, l.UnitPrice) ?? LineMatch.None;
                    switch (match.Kind)
                    {
                        case MatchKind.New when stored is null && addedInvoices.Contains(o.InvoiceNumber):
                            await copy.StartRowAsync(ct);
                            await copy.WriteAsync(orderId, NpgsqlDbType.Integer, ct);
                            await copy.WriteAsync(l.LineNumber, NpgsqlDbType.Integer, ct);
                            await copy.WriteAsync(productId, NpgsqlDbType.Integer, ct);
                            await copy.WriteAsync(l.Quantity, NpgsqlDbType.Integer, ct);
                            await copy.WriteAsync(!l.QuantityKnown, NpgsqlDbType.Boolean, ct);
                            await WriteNullableAsync(copy, l.UnitPrice, NpgsqlDbType.Numeric, ct);
                            linesAdded++;
                            break;
                        case MatchKind.New:
                            // A line the stored invoice lacks (a corrected row, a later export): appended after its lines.
                            appended.Add((orderId, stored?.NextLineNumber() ?? l.LineNumber, productId, l.Quantity, !l.QuantityKnown, l.UnitPrice));
                            changedOrders.Add(orderId);
                            break;
                        case MatchKind.Completed:
                            // The same sale from a fuller export: the stored line gains the fields it lacked, known ones are kept.
                            completed.Add((orderId, match.LineNumber, match.Quantity, !match.QuantityKnown, match.Price));
                            linesCompleted++;
                            pricesFilled += match.FilledPrice ? 1 : 0;
                            quantitiesFilled += match.FilledQuantity ? 1 : 0;
                            changedOrders.Add(orderId);
                            break;
                    }
                    if (++linesSeen % 50_000 == 0)
                    {
                        ct.ThrowIfCancellationRequested();
                        progress?.Report(new ImportProgress("Writing", linesSeen, clock.Elapsed));
                    }
                }
            }
            await copy.CompleteAsync(ct);
        }
        foreach (var a in appended)
        {
            linesAdded += await RunAsync(connection, """
                INSERT INTO "OrderLines" ("OrderId", "LineNumber", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice")
                VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT ("OrderId", "LineNumber") DO NOTHING
                """, ct, a.OrderId, a.LineNumber, a.ProductId, a.Quantity, a.Unknown, a.Price);
        }
        foreach (var c in completed)
        {
            await RunAsync(connection, """
                UPDATE "OrderLines" SET "Quantity" = $1, "QuantityUnknown" = $2, "UnitPrice" = $3 WHERE "OrderId" = $4 AND "LineNumber" = $5
                """, ct, c.Quantity, c.Unknown, c.Price, c.OrderId, c.LineNumber);
        }
        if (changedOrders.Count > 0)
        {
            await RunAsync(connection, """
                UPDATE "Orders" o SET "Revenue" = COALESCE(t.revenue, 0), "Items" = COALESCE(t.items, 0), "LineCount" = t.lines
                FROM (SELECT "OrderId", SUM("Quantity" * "UnitPrice") AS revenue, SUM("Quantity") AS items, COUNT(*) AS lines
                      FROM "OrderLines" WHERE "OrderId" = ANY($1) GROUP BY "OrderId") t
                WHERE o."Id" = t."OrderId"
                """, ct, changedOrders.ToArray());
        }
        progress?.Report(new ImportProgress("Writing", linesSeen, clock.Elapsed));
        return new WriteCounts(productsAdded, customersAdded, addedInvoices.Count, linesAdded, linesSeen - linesAdded - linesCompleted,
            linesCompleted, pricesFilled, quantitiesFilled);
    }

    /// <summary>The lines already stored for the given orders, to match a re-imported invoice's lines by content.</summary>
    private static async Task<Dictionary<int, StoredLines>> StoredLinesOfAsync(NpgsqlConnection connection, HashSet<int> orderIds, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT "OrderId", "ProductId", "Quantity", "QuantityUnknown", "UnitPrice", "LineNumber" FROM "OrderLines" WHERE "OrderId" = ANY($1)
            """, connection) { Parameters = { new() { Value = orderIds.ToArray() } } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        var lines = new Dictionary<int, StoredLines>();
        while (await reader.ReadAsync(ct))
        {
            var orderId = reader.GetInt32(0);
            if (!lines.TryGetValue(orderId, out var stored))
            {
                lines[orderId] = stored = new StoredLines();
            }
            stored.Add(reader.GetInt32(1), reader.GetInt32(2), !reader.GetBoolean(3), reader.IsDBNull(4) ? null : reader.GetDecimal(4), reader.GetInt32(5));
        }
        return lines;
    }

    private static async Task<int> RunAsync(NpgsqlConnection connection, string sql, CancellationToken ct, params object?[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }
        return await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<Dictionary<string, int>> IdsAsync(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync(ct))
        {
            ids[reader.GetString(0)] = reader.GetInt32(1);
        }
        return ids;
    }

    private static Task WriteNullableAsync<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken ct) where T : struct =>
        value is { } v ? copy.WriteAsync(v, type, ct) : copy.WriteNullAsync(ct);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, NpgsqlDbType type, CancellationToken ct) =>
        value is not null ? copy.WriteAsync(value, type, ct) : copy.WriteNullAsync(ct);

    /// <summary>Stored as written, as everywhere else (see PostgresRetailDbContext): "timestamp without time zone".</summary>
    private static DateTime Unspecified(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Unspecified);
}
