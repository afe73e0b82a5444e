using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
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
public sealed class ImportService(IDbContextFactory<RetailDbContext> contexts, ILogger<ImportService> logger)
{
    private const int RawRowMaxLength = 4000;

    /// <summary>Tests set this to run the provider-neutral EF writer on SQLite.</summary>
    internal bool ForceEfWriter { get; set; }

    public async Task<ImportResult> ImportAsync(ImportRequest request, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        if (request.Kind != ImportKind.Transactions)
        {
            throw new ImportException($"Importing {request.Kind.ToString().ToLowerInvariant()} files is not available yet; transactions files are.");
        }
        var clock = Stopwatch.StartNew();
        var sha256 = await HashAsync(request.FilePath, ct);

        if (!request.DryRun && await FindEarlierImportAsync(request.Kind, sha256, ct) is { } earlier)
        {
            return new ImportResult(ImportOutcome.AlreadyImported, new Cleaning.CleaningReport(), new Dictionary<string, string>(), null, earlier.Id, clock.Elapsed,
                $"This file was already imported on {earlier.StartedAt:yyyy-MM-dd HH:mm} UTC by {earlier.ImportedBy} (import #{earlier.Id}). Nothing was changed.");
        }

        TransactionBatch batch;
        ColumnMapping mapping;
        using (var file = OpenFile(request))
        {
            mapping = ColumnMapping.Create(file.Header, TransactionFields.All, request.Map);
            batch = TransactionCleaner.Clean(file, mapping, DateTime.Now, progress, ct);
        }
        var report = batch.Report;
        if (request.DryRun)
        {
            return new ImportResult(ImportOutcome.DryRun, report, mapping.Describe(), null, null, clock.Elapsed,
                $"Dry run: {report.RowsKept:N0} of {report.RowsRead:N0} rows would be stored, {report.RowsRejected:N0} rejected. Nothing was stored.");
        }

        var record = new ImportBatch
        {
            Kind = request.Kind,
            FileName = Path.GetFileName(request.FileName),
            Sha256 = sha256,
            ImportedBy = request.ImportedBy,
            Status = ImportStatus.Running,
            RowsRead = report.RowsRead,
            RowsRejected = report.RowsRejected,
        };
        try
        {
            var written = await CommitAsync(record, batch, progress, ct);
            logger.LogInformation("Import #{Batch} stored {Lines} lines ({Rejected} rows rejected) in {Seconds:F1} s.",
                record.Id, written.LinesAdded, report.RowsRejected, clock.Elapsed.TotalSeconds);
            return new ImportResult(ImportOutcome.Imported, report, mapping.Describe(), written, record.Id, clock.Elapsed,
                $"Imported: {written.LinesAdded:N0} new lines in {written.OrdersAdded:N0} new orders, {written.ProductsAdded:N0} new products, " +
                $"{written.CustomersAdded:N0} new customers; {written.LinesAlreadyStored:N0} lines were already stored; {report.RowsRejected:N0} rows rejected.");
        }
        catch (OperationCanceledException)
        {
            await RecordUnfinishedAsync(record, ImportStatus.Cancelled, "Cancelled by the user; nothing was stored.");
            throw;
        }
        catch (Exception ex) when (ex is DbUpdateException or SqliteException or InvalidOperationException or KeyNotFoundException)
        {
            logger.LogError(ex, "Import of a {Kind} file failed; the transaction was rolled back.", request.Kind);
            await RecordUnfinishedAsync(record, ImportStatus.Failed, $"Failed and rolled back: {ex.Message}");
            throw new ImportException($"The import failed and nothing was stored ({ex.Message}). The data already stored is unchanged.", ex);
        }
    }

    /// <summary>Reads the header and first rows and proposes a mapping; cleans and stores nothing.</summary>
    public static ImportPreview Preview(string path, string fileName, ImportKind kind, int rows = 10)
    {
        if (kind != ImportKind.Transactions)
        {
            throw new ImportException($"Importing {kind.ToString().ToLowerInvariant()} files is not available yet; transactions files are.");
        }
        using var file = TabularReader.Open(File.OpenRead(path), fileName);
        var first = file.Rows.Take(rows).Select(r => r.Cells).ToList();
        var fields = TransactionFields.All;
        var auto = ColumnMapping.Suggest(file.Header, fields).ToDictionary(kv => kv.Key, kv => file.Header[kv.Value]);
        return new ImportPreview(file.Format, file.Encoding, file.Delimiter, file.Header, first, fields, auto);
    }

    private async Task<WriteCounts> CommitAsync(ImportBatch record, TransactionBatch batch, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ImportBatches.Add(record);
        await db.SaveChangesAsync(ct);

        var written = db.Database.IsSqlite() && !ForceEfWriter
            ? SqliteTransactionWriter.Write((SqliteConnection)db.Database.GetDbConnection(), tx.GetDbTransaction(), batch, record.Id, progress, ct)
            : await EfTransactionWriter.WriteAsync(db, batch, record.Id, progress, ct);

        db.ChangeTracker.Clear();
        db.ImportRejections.AddRange(batch.Report.Rejections.Select(r => new ImportRejection
        {
            ImportBatchId = record.Id,
            RowNumber = r.RowNumber,
            Reason = r.Reason.Length <= 500 ? r.Reason : r.Reason[..499] + "…",
            RawRow = RejectedRowsCsv.Join(r.Cells, RawRowMaxLength),
        }));
        record.Status = ImportStatus.Succeeded;
        record.RowsImported = written.LinesAdded;
        record.FinishedAt = DateTime.UtcNow;
        record.Message = $"{written.LinesAlreadyStored} lines were already stored.";
        db.ImportBatches.Update(record);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return written;
    }

    /// <summary>Keeps a history entry for an import that stored nothing, written after the rollback.</summary>
    private async Task RecordUnfinishedAsync(ImportBatch record, ImportStatus status, string message)
    {
        await using var db = await contexts.CreateDbContextAsync();
        db.ImportBatches.Add(new ImportBatch
        {
            Kind = record.Kind, FileName = record.FileName, Sha256 = record.Sha256, ImportedBy = record.ImportedBy,
            StartedAt = record.StartedAt, FinishedAt = DateTime.UtcNow, Status = status,
            RowsRead = record.RowsRead, RowsRejected = record.RowsRejected,
            Message = message.Length <= 2000 ? message : message[..1999] + "…",
        });
        await db.SaveChangesAsync();
    }

    private async Task<ImportBatch?> FindEarlierImportAsync(ImportKind kind, string sha256, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportBatches.AsNoTracking()
            .Where(b => b.Kind == kind && b.Sha256 == sha256 && b.Status == ImportStatus.Succeeded)
            .OrderBy(b => b.Id).FirstOrDefaultAsync(ct);
    }

    private static TabularFile OpenFile(ImportRequest request)
    {
        try
        {
            return TabularReader.Open(File.OpenRead(request.FilePath), request.FileName);
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
