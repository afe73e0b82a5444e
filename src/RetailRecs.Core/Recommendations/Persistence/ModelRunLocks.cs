using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Row locks that keep a model's removal (<see cref="ArtifactRetention"/>) and a draft experiment naming that model
/// from passing each other: whichever locks the run first finishes first, and the other sees what it did. PostgreSQL
/// only (taken in order of id, so the two never wait on each other crosswise): on SQLite both run in transactions that
/// hold the one write lock from their start.
/// </summary>
internal static class ModelRunLocks
{
    /// <summary>In the caller's transaction: the runs whose models are about to be removed; a draft naming one waits.</summary>
    public static Task HoldForRemovalAsync(RetailDbContext db, IReadOnlyCollection<int> runIds, CancellationToken ct) =>
        LockAsync(db, runIds, share: false, ct);

    /// <summary>In the caller's transaction: the runs a draft is about to name; their removal waits until it is saved.</summary>
    public static Task HoldForUseAsync(RetailDbContext db, IReadOnlyCollection<int> runIds, CancellationToken ct) =>
        LockAsync(db, runIds, share: true, ct);

    private static async Task LockAsync(RetailDbContext db, IReadOnlyCollection<int> runIds, bool share, CancellationToken ct)
    {
        if (runIds.Count == 0 || !db.Database.IsNpgsql())
        {
            return;
        }
        var ids = runIds.Distinct().Order().ToArray();
        if (share)
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"ModelRuns\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR SHARE", ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"ModelRuns\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
        }
    }
}
