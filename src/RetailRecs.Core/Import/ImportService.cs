using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import.Mapping;
using RetailRecs.Core.Import.Tabular;
using RetailRecs.Core.Import.Transactions;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import;

/// <summary>
/// The one import path, shared by the upload page and the CLI: read, map, clean, then (unless a dry run) commit
/// everything in one transaction. A failure or a cancellation leaves the database exactly as it was; the same file
/// imported twice changes nothing the second time.
/// </summary>
public sealed class ImportService(IDbContextFactory<RetailDbContext> contexts, IOptions<ImportOptions> options, Analytics.Rollups.RollupRefresher rollups,
    ILogger<ImportService> logger) : Common.Jobs.IJobHistory
{
    private readonly ImportOptions _limits = options.Value;

    private const int RawRowMaxLength = 4000;

    /// <summary>Tests set this to run the provider-neutral EF writer on SQLite.</summary>
    internal bool ForceEfWriter { get; set; }

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var fields = ImportFields.For(request.Kind);
        var clock = Stopwatch.StartNew();
        var sha256 = await HashAsync(request.FilePath, ct);
        IReadOnlySet<string> erased;
        bool? productsByCode = null; // null: no product stored yet
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            erased = await Privacy.ErasedCustomerCodes.LoadAsync(db, ct);
            if (request.Kind == ImportKind.Products)
            {
                // The newest stored products tell whether this shop's sales name products by code or by name alone (a shop
                // that moved to codes has old products named after themselves; a store system's rename leaves a few
                // name-keyed products looking coded): most of them decide.
                var newest = await db.Products.AsNoTracking().OrderByDescending(p => p.Id).Take(100).Select(p => new { p.Sku, p.Name }).ToListAsync(ct);
                productsByCode = newest.Count == 0 ? null : newest.Count(p => !Catalog.ProductCodes.IsMadeFromName(p.Sku, p.Name)) * 2 > newest.Count;
            }
        }

        if (!request.DryRun && await FindEarlierImportAsync(request.Kind, sha256, ct) is { } earlier)
        {
            return new ImportResult(ImportOutcome.AlreadyImported, new Cleaning.CleaningReport(), new Dictionary<string, string>(), null, earlier.Id, clock.Elapsed,
                $"This file was already imported on {earlier.StartedAt:yyyy-MM-dd HH:mm} UTC by {earlier.ImportedBy} (import #{earlier.Id}). Nothing was changed.");
        }

        if (request.DryRun)
        {
            var (report, mapping) = await WithEncodingFallbackAsync(request, async (encoding, note) =>
            {
                using var opened = Open(request, fields, erased, productsByCode, encoding, note, progress, ct);
                // A transactions file is read to its end chunk by chunk, each chunk dropped: the report is the same as an import's.
                try
                {
                    foreach (var _ in opened.Prepared.Transactions?.Chunks ?? [])
                    {
                    }
                }
                catch (Exception ex) when (StorageFaults.Describe(ex) is { } fault)
                {
                    throw new ImportException(fault.Message, ex);
                }
                return (opened.Prepared.Report, opened.Mapping);
            });
            return new ImportResult(ImportOutcome.DryRun, report, mapping, null, null, clock.Elapsed,
                $"Dry run: {report.RowsKept:N0} of {report.RowsRead:N0} rows would be stored, {report.RowsRejected:N0} rejected. Nothing was stored.");
        }

        var record = NewRecord(request, sha256);
        Cleaning.CleaningReport? partial = null;
        try
        {
            await StartRecordAsync(record, ct);
            var committed = await WithEncodingFallbackAsync(request, async (encoding, note) =>
            {
                using var opened = Open(request, fields, erased, productsByCode, encoding, note, progress, ct);
                partial = opened.Prepared.Report;
                return (await CommitAsync(record, opened.Prepared, progress, ct), opened);
            });
            var (outcome, opened) = committed;
            var report = opened.Prepared.Report;
            if (outcome is not var (written, upserted, stored, summary))
            {
                await RecordUnfinishedAsync(record, ImportStatus.Skipped, "The same file was imported by someone else a moment ago; nothing was changed.");
                var other = await FindEarlierImportAsync(request.Kind, sha256, ct);
                return new ImportResult(ImportOutcome.AlreadyImported, report, opened.Mapping, null, other?.Id, clock.Elapsed,
                    $"The same file was imported by {other?.ImportedBy ?? "someone else"} a moment ago. Nothing was changed.");
            }
            logger.LogInformation("Import #{Batch} ({Kind}) stored {Stored} records ({Rejected} rows rejected) in {Seconds:F1} s.",
                record.Id, request.Kind, stored, report.RowsRejected, clock.Elapsed.TotalSeconds);
            return new ImportResult(ImportOutcome.Imported, report, opened.Mapping, written, record.Id, clock.Elapsed,
                $"Imported: {summary}; {report.RowsRejected:N0} rows rejected.") { Upserted = upserted };
        }
        catch (OperationCanceledException)
        {
            await RecordUnfinishedAsync(WithCounts(record, partial), ImportStatus.Cancelled, "Cancelled by the user; nothing was stored.");
            throw;
        }
        catch (ImportException ex)
        {
            await RecordUnfinishedAsync(WithCounts(record, partial), ImportStatus.Failed, ex.Message);
            throw;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Import of a {Kind} file failed; the transaction was rolled back.", request.Kind);
            // Busy or full: the admin's words for it, and the same file can simply be imported again later.
            if (StorageFaults.Describe(ex) is { } fault)
            {
                await RecordUnfinishedAsync(WithCounts(record, partial), ImportStatus.Failed, $"Failed: {char.ToLowerInvariant(fault.Message[0])}{fault.Message[1..]}");
                throw new ImportException($"The import failed. {fault.Message} The data already stored is unchanged.", ex);
            }
            // EF Core wraps what the database said in "An error occurred while saving the entity changes. See the inner
            // exception": the database's own words are the ones that tell the admin what went wrong.
            var reason = (ex as DbUpdateException)?.InnerException?.Message ?? ex.Message;
            await RecordUnfinishedAsync(WithCounts(record, partial), ImportStatus.Failed, $"Failed and rolled back: {reason}");
            throw new ImportException($"The import failed and nothing was stored ({reason}). The data already stored is unchanged.", ex);
        }
    }

    /// <summary>
    /// Runs a read of the file; when its first 64 KB looked like UTF-8 but a later byte is not, runs it again keeping its
    /// UTF-8 and reading each other byte as Windows-1252 (an import's first attempt is rolled back by then), and says so in the report.
    /// </summary>
    private static async Task<T> WithEncodingFallbackAsync<T>(ImportRequest request, Func<System.Text.Encoding?, string?, Task<T>> read)
    {
        if (TextEncodings.Of(request.TextEncoding) is { } chosen)
        {
            return await read(chosen, $"Read as {chosen.WebName}, as chosen.");
        }
        try
        {
            return await read(null, null);
        }
        catch (TextEncodingException notUtf8)
        {
            return await read(Tabular.Utf8OrWindows1252.Create(),
                $"{notUtf8.Message} Its UTF-8 text was kept, and each byte that is not UTF-8 was read as Windows-1252.");
        }
    }

    /// <summary>An opened file with its mapping and its cleaner, ready to be read; disposing closes the file and lets the cleaner's tally go.</summary>
    private sealed record OpenedFile(TabularFile File, IReadOnlyDictionary<string, string> Mapping, Prepared Prepared) : IDisposable
    {
        public void Dispose()
        {
            Prepared.Transactions?.Dispose();
            File.Dispose();
        }
    }

    /// <param name="erased">Erased customers' keys (ErasedCustomerCodes): their rows are stored without them.</param>
    /// <param name="productsByCode">The stored products have codes of their own (not made from their names); null when none is stored.</param>
    private OpenedFile Open(ImportRequest request, IReadOnlyList<CanonicalField> fields, IReadOnlySet<string> erased, bool? productsByCode,
        System.Text.Encoding? encoding, string? note, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var file = OpenFile(request, _limits.MaxUnpackedBytes, encoding);
        try
        {
            var columns = ColumnMapping.Create(file.Header, fields, request.Map);
            if (request.Kind == ImportKind.Products && productsByCode == false && columns.Has(ProductFields.StockCode))
            {
                // The other way round: a shop whose sales name products alone ("WHOLE MILK"), and a catalog with codes.
                // Keyed by code, every row was a new product without sales beside the one the shop sells (before 2026-12-07).
                throw new ImportException("This shop's products are stored by their names (its sales files have no product codes), and this file "
                    + $"gives codes in column '{file.Header[columns.ColumnOf(ProductFields.StockCode)]}'. Set that column to \"ignore\" so each row finds "
                    + "its product by name; keyed by code, every row would be a new product without sales. Nothing was stored.");
            }
            if (request.Kind == ImportKind.Products && productsByCode == true && !columns.Has(ProductFields.StockCode))
            {
                // Keyed by name, every row would be a new product beside the one its code names (a sensitive mark on
                // the copy, the real product still suggested): a code column whose header was not recognised.
                throw new ImportException("This shop's products are stored by their codes, and no column of this file was recognised as the "
                    + $"product code. Map the column that holds the codes to StockCode (the file's columns are: {string.Join(", ", file.Header)}). Nothing was stored.");
            }
            var prepared = Prepare(request, file, columns, _limits, erased, encoding, progress, ct);
            if (note is not null)
            {
                prepared.Report.Notes.Insert(0, note);
            }
            return new OpenedFile(file, columns.Describe(), prepared);
        }
        catch (Exception ex)
        {
            file.Dispose();
            if (ex is ImportException or OperationCanceledException)
            {
                throw;
            }
            throw new ImportException($"'{request.FileName}' could not be read: {ex.Message}. Nothing was stored.", ex);
        }
    }

    private static ImportBatch NewRecord(ImportRequest request, string sha256) => new()
    {
        Kind = request.Kind,
        FileName = Path.GetFileName(request.FileName),
        Sha256 = sha256,
        ImportedBy = request.ImportedBy,
        Status = ImportStatus.Running,
    };

    private static ImportBatch WithCounts(ImportBatch record, Cleaning.CleaningReport? report)
    {
        record.RowsRead = report?.RowsRead ?? 0;
        record.RowsRejected = report?.RowsRejected ?? 0;
        return record;
    }

    /// <summary>
    /// A file being cleaned, ready to be committed by the writer for its kind. Transactions are read as they are written
    /// (chunk by chunk, so memory does not grow with the file); catalogs and customer lists, one row per record, are
    /// read whole first.
    /// </summary>
    private sealed record Prepared(Cleaning.CleaningReport Report, TransactionBatch? Transactions,
        IReadOnlyList<Products.ProductRecord>? Products, IReadOnlyList<CustomerFiles.CustomerRecord>? Customers)
    {
        /// <summary>True for a row whose customer column holds an erased customer's code.</summary>
        public Func<string[], bool> NamesErasedCustomer { get; init; } = _ => false;
        /// <summary>The columns naming a customer (ImportBatch.IdentifierColumns).</summary>
        public string IdentifierColumns { get; init; } = "";
    }

    private Prepared Prepare(ImportRequest request, TabularFile file, ColumnMapping columns, ImportOptions limits, IReadOnlySet<string> erased,
        System.Text.Encoding? encoding,
        IProgress<ImportProgress>? progress, CancellationToken ct) =>
        PrepareKind(request, file, columns, limits, erased, encoding, progress, ct) with
        {
            NamesErasedCustomer = NamesErased(columns, erased),
            IdentifierColumns = Privacy.RejectedRowsNaming.Columns(columns.ColumnOf(CustomerFields.CustomerId),
                new[] { CustomerFields.Email, CustomerFields.Phone, CustomerFields.LoyaltyNumber }.Select(columns.ColumnOf)),
        };

    private static Func<string[], bool> NamesErased(ColumnMapping columns, IReadOnlySet<string> erased)
    {
        // Transactions and customer lists name the customer in the same field; a catalog has none (-1).
        var column = columns.ColumnOf(TransactionFields.CustomerId);
        return erased.Count == 0 || column < 0 ? _ => false
            : cells => column < cells.Length && cells[column].Trim() is { Length: > 0 } code
                && Privacy.ErasedCustomerCodes.IsErased(erased, Cleaning.ImportedCustomerCode.Of(code));
    }

    private Prepared PrepareKind(ImportRequest request, TabularFile file, ColumnMapping columns, ImportOptions limits, IReadOnlySet<string> erased,
        System.Text.Encoding? encoding,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        switch (request.Kind)
        {
            case ImportKind.Transactions:
                var batch = TransactionCleaner.Clean(file, columns, DateTime.Now, progress, ct, limits.MaxKeptRejections,
                    () => OpenFile(request, limits.MaxUnpackedBytes, encoding), ChunkLines, erased, request.Dates);
                batch.Chunks = Readable(batch.Chunks, request.FileName);
                batch.IdCache = IdCache;
                batch.Tally.MaxPages = TallyMaxPages;
                return new Prepared(batch.Report, batch, null, null);
            case ImportKind.Products:
                var (products, productReport) = Products.ProductFileCleaner.Clean(file, columns, progress, ct, limits.MaxKeptRejections);
                return new Prepared(productReport, null, products, null);
            default:
                var (customers, customerReport) = CustomerFiles.CustomerFileCleaner.Clean(file, columns, DateTime.Now, progress, ct, limits.MaxKeptRejections, request.Dates);
                var kept = customers.Where(c => !Privacy.ErasedCustomerCodes.IsErased(erased, c.Code)).ToList();
                for (var i = kept.Count; i < customers.Count; i++)
                {
                    customerReport.Applied(Cleaning.CleaningRules.ErasedCustomer);
                }
                customerReport.RowsKept = kept.Count; // an erased customer's row is not stored: a dry run must not count it
                return new Prepared(customerReport, null, null, kept);
        }
    }

    /// <summary>Tests set a small chunk to see invoices split across chunks.</summary>
    internal int ChunkLines { get; set; } = TransactionCleaner.DefaultChunkLines;

    /// <summary>Tests cap the cleaner's tally (SQLite pages) to see it fill up as on a full disk.</summary>
    internal long? TallyMaxPages { get; set; }

    /// <summary>Tests set a small cache to see products and customers looked up again in later chunks.</summary>
    internal int IdCache { get; set; } = Transactions.TransactionWriter.DefaultIdCache;

    /// <summary>The chunks, with what the reader throws mid-file worded as every other unreadable file.</summary>
    private static IEnumerable<TransactionChunk> Readable(IEnumerable<TransactionChunk> chunks, string fileName)
    {
        using var e = chunks.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext())
                {
                    yield break;
                }
            }
            // A full disk under the cleaner's tally (the temporary directory) is the disk's fault, not the file's: it goes
            // on to be told as every other full disk.
            catch (Exception ex) when (ex is not ImportException and not OperationCanceledException && StorageFaults.Classify(ex) is null)
            {
                throw new ImportException($"'{fileName}' could not be read: {ex.Message}. Nothing was stored.", ex);
            }
            yield return e.Current;
        }
    }

    /// <summary>Reads the header and first rows and proposes a mapping; cleans and stores nothing.</summary>
    /// <param name="textEncoding">The encoding the user chose for a CSV (<see cref="TextEncodings"/>); null: as the bytes show.</param>
    public static ImportPreview Preview(string path, string fileName, ImportKind kind, int rows = 10, string? textEncoding = null)
    {
        var fields = ImportFields.For(kind);
        using var file = TabularReader.Open(File.OpenRead(path), fileName, TextEncodings.Of(textEncoding));
        // Enough rows to judge the date order; only the first few are shown.
        var sample = file.Rows.Take(Math.Max(rows, 200)).Select(r => r.Cells).ToList();
        var first = sample.Take(rows).ToList();
        var suggested = ColumnMapping.Suggest(file.Header, fields);
        var auto = suggested.ToDictionary(kv => kv.Key, kv => file.Header[kv.Value]);
        var dateField = kind switch { ImportKind.Transactions => TransactionFields.InvoiceDate, ImportKind.Customers => CustomerFields.JoinedOn, _ => null };
        string? dateFormat = dateField is not null && suggested.TryGetValue(dateField, out var dateColumn)
            ? Cleaning.FlexibleDate.Detect(sample.Where(r => dateColumn < r.Length).Select(r => r[dateColumn])).Describe
            : null;
        return new ImportPreview(file.Format, file.Encoding, file.Delimiter, file.Header, first, fields, auto, dateFormat);
    }

    /// <returns>What was stored, or null when the same file was committed by someone else meanwhile.</returns>
    private async Task<(WriteCounts? Written, UpsertCounts? Upserted, int Stored, string Summary)?> CommitAsync(
        ImportBatch record, Prepared prepared, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ImportBatches.Update(record);
        await db.SaveChangesAsync(ct);
        // Checked again inside the transaction, after our first write: two uploads of one file at once store it once.
        if (await db.ImportBatches.AnyAsync(b => b.Kind == record.Kind && b.Sha256 == record.Sha256 && b.Status == ImportStatus.Succeeded && b.RowsImported > 0
                                                 && b.Id != record.Id, ct))
        {
            return null;
        }

        WriteCounts? written = null;
        UpsertCounts? upserted = null;
        if (prepared.Transactions is { } batch)
        {
            written = ForceEfWriter ? await EfTransactionWriter.WriteAsync(db, batch, record.Id, progress, ct)
                : db.Database.IsSqlite()
                    ? await SqliteTransactionWriter.WriteAsync((SqliteConnection)db.Database.GetDbConnection(), tx.GetDbTransaction(), batch, record.Id, progress, ct)
                : db.Database.IsNpgsql()
                        ? await PostgresTransactionWriter.WriteAsync((Npgsql.NpgsqlConnection)db.Database.GetDbConnection(), batch, record.Id, progress, ct)
                    : await EfTransactionWriter.WriteAsync(db, batch, record.Id, progress, ct);
        }
        else if (prepared.Products is { } products)
        {
            upserted = await Products.ProductUpsert.WriteAsync(db, products, record.Id, record.ImportedBy, ct);
        }
        else
        {
            upserted = await CustomerFiles.CustomerUpsert.WriteAsync(db, prepared.Customers!, record.Id, ct, prepared.Report);
        }

        db.ChangeTracker.Clear();
        if (written is { Months.Count: > 0 })
        {
            // In the import's transaction: until the rollups are refreshed, the dashboard reads these months from the lines.
            Analytics.Rollups.SalesRollup.Mark(db, written.Months);
        }
        record.IdentifierColumns = prepared.IdentifierColumns;
        db.ImportRejections.AddRange(prepared.Report.Rejections.Select(r => new ImportRejection
        {
            ImportBatchId = record.Id,
            RowNumber = r.RowNumber,
            Reason = r.Reason.Length <= 500 ? r.Reason : r.Reason[..499] + "…",
            // A row naming an erased customer keeps its number and reason only, as the erasure left their earlier rows.
            RawRow = prepared.NamesErasedCustomer(r.Cells) ? null : RejectedRowsCsv.Join(r.Cells, RawRowMaxLength),
        }));
        var stored = written?.LinesAdded ?? upserted!.Added + upserted.Updated;
        var summary = written is { } w
            ? $"{w.LinesAdded:N0} new lines in {w.OrdersAdded:N0} new orders, {w.ProductsAdded:N0} new products, {w.CustomersAdded:N0} new customers; " +
              $"{w.LinesAlreadyStored:N0} lines were already stored" + (w.LinesCompleted > 0 ? $"; {w.CompletedText}" : "")
              + (w.ReusedInvoices.Invoices > 0 ? $"; {w.ReusedInvoices.Text}" : "")
            : upserted!.ToString();
        record.Status = ImportStatus.Succeeded;
        WithCounts(record, prepared.Report);
        record.RowsImported = stored;
        record.FinishedAt = DateTime.UtcNow;
        record.Message = prepared.Report.RowsRejected > prepared.Report.Rejections.Count
            ? $"{summary}; {prepared.Report.RowsRejected:N0} rows rejected, the first {prepared.Report.Rejections.Count:N0} kept for the download"
            : summary;
        db.ImportBatches.Update(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await RefreshPlannerStatisticsAsync(db, record.Id);
        if (written is not null)
        {
            rollups.Poke(); // its months, in the background: the dashboard reads them from the lines until then
        }
        return (written, upserted, stored, summary);
    }

    /// <summary>An import changes the tables' shape at once: the planner's statistics follow (see PlannerStatistics).</summary>
    private async Task RefreshPlannerStatisticsAsync(RetailDbContext db, int batchId)
    {
        try
        {
            await PlannerStatistics.RefreshAsync(db);
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            // The import is stored; stale statistics only make some pages slower until the next import or start.
            logger.LogWarning(ex, "The planner's statistics were not refreshed after import #{Batch}.", batchId);
        }
    }

    /// <summary>
    /// The history entry, committed as running before the import's own transaction: should the process die before
    /// the commit, the entry stays and the app's next start says so (<see cref="MarkInterruptedAsync"/>).
    /// </summary>
    private async Task StartRecordAsync(ImportBatch record, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.ImportBatches.Add(record);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Imports left running by a process that stopped (crash, kill, restart) are marked failed, saying nothing was stored.
    /// Another instance's import in progress is left alone (<see cref="Common.Jobs.JobOwner"/>).
    /// </summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var abandoned = await Common.Jobs.JobOwner.AbandonedAsync(db, db.ImportBatches.Where(b => b.Status == ImportStatus.Running), ct);
        return abandoned.Count == 0 ? 0 : await db.ImportBatches.Where(b => abandoned.Contains(b.Id) && b.Status == ImportStatus.Running)
            .ExecuteUpdateAsync(s => s
                .SetProperty(b => b.Status, ImportStatus.Failed)
                .SetProperty(b => b.Message, "Interrupted: the app stopped during this import, so nothing of it was stored. Import the file again.")
                .SetProperty(b => b.FinishedAt, DateTime.UtcNow), ct);
    }

    /// <summary>Keeps a history entry for an import that stored nothing, written after the rollback.</summary>
    private async Task RecordUnfinishedAsync(ImportBatch record, ImportStatus status, string message)
    {
        // The database that refused the import may refuse its history line too (still busy, still full): the user is
        // told what happened either way, the import's own error is not hidden behind this one, and the line is written
        // when the database takes it.
        var finishedAt = DateTime.UtcNow;
        await Common.Jobs.UnfinishedOutcome.RecordAsync(async () =>
        {
            await using var db = await contexts.CreateDbContextAsync();
            var entry = new ImportBatch
            {
                Id = record.Id, // the running entry, when there is one, gets the outcome
                Kind = record.Kind, FileName = record.FileName, Sha256 = record.Sha256, ImportedBy = record.ImportedBy,
                StartedAt = record.StartedAt, FinishedAt = finishedAt, Status = status,
                RowsRead = record.RowsRead, RowsRejected = record.RowsRejected, RowsImported = 0,
                Message = message.Length <= 2000 ? message : message[..1999] + "…",
            };
            if (entry.Id == 0)
            {
                db.ImportBatches.Add(entry);
            }
            else
            {
                db.ImportBatches.Update(entry);
            }
            await db.SaveChangesAsync();
        }, logger, $"an unfinished {record.Kind} import");
    }

    private async Task<ImportBatch?> FindEarlierImportAsync(ImportKind kind, string sha256, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportBatches.AsNoTracking()
            // An import that stored nothing (every row rejected: a wrong column mapped as the date, the wrong date order)
            // does not count: the same file must be importable again once the mapping is right.
            .Where(b => b.Kind == kind && b.Sha256 == sha256 && b.Status == ImportStatus.Succeeded && b.RowsImported > 0)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
    }

    private static TabularFile OpenFile(ImportRequest request, long maxUnpackedBytes, System.Text.Encoding? encoding = null)
    {
        try
        {
            return TabularReader.Open(File.OpenRead(request.FilePath), request.FileName, encoding, maxUnpackedBytes);
        }
        catch (FileNotFoundException)
        {
            throw new ImportException($"The file '{request.FileName}' was not found.");
        }
    }

    private static async Task<string> HashAsync(string path, CancellationToken ct)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
        }
        catch (FileNotFoundException)
        {
            throw new ImportException($"The file '{Path.GetFileName(path)}' was not found.");
        }
    }
}
