using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Import;

/// <summary>The import history: who loaded which file when, what became of its rows, and the rejected rows.</summary>
public sealed class ImportHistory(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task<IReadOnlyList<ImportBatch>> ListAsync(int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(take).ToListAsync(ct);
    }

    public async Task<ImportBatch?> FindAsync(int batchId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
    }

    /// <summary>An import's stored rejected rows in file order, read as they are written out (never all in memory).</summary>
    public async IAsyncEnumerable<(int RowNumber, string Reason, string? RawRow)> RejectionsAsync(int batchId,
        [EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var rows = db.ImportRejections.AsNoTracking().Where(r => r.ImportBatchId == batchId).OrderBy(r => r.RowNumber)
            .Select(r => new { r.RowNumber, r.Reason, r.RawRow }).AsAsyncEnumerable();
        await foreach (var r in rows.WithCancellation(ct))
        {
            yield return (r.RowNumber, r.Reason, r.RawRow);
        }
    }
}
