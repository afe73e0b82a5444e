using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>Model runs for the Models page, newest first, without their artifacts.</summary>
public sealed class ModelRunHistory(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task<IReadOnlyList<ModelRun>> ListAsync(int take = 100, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await db.ModelRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
    }
}
