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

    /// <summary>The batch and its rejected rows in file order, or null when there is no such import.</summary>
    public async Task<(ImportBatch Batch, IReadOnlyList<ImportRejection> Rows)?> RejectionsAsync(int batchId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var batch = await db.ImportBatches.AsNoTracking().SingleOrDefaultAsync(b => b.Id == batchId, ct);
        if (batch is null)
        {
            return null;
        }
        var rows = await db.ImportRejections.AsNoTracking().Where(r => r.ImportBatchId == batchId).OrderBy(r => r.RowNumber).ToListAsync(ct);
        return (batch, rows);
    }
}
