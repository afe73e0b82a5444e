using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Row locks that keep a model's removal (<see cref="ArtifactRetention"/>) and a draft experiment naming that model
/// from passing each other: whichever locks the run first finishes first, and the other sees what it did. On
/// PostgreSQL the draft takes the weakest row lock (<c>FOR KEY SHARE</c>), which only the removal's <c>FOR UPDATE</c>
/// waits for: a promotion or a training updating the same runs neither waits for a draft nor makes one wait, so no
/// cycle of waits can form with them; both helpers lock in order of id, so they cannot wait on each other crosswise.
/// On SQLite both sides run in transactions that hold the one write lock from their start. Not on SQL Server (no lock
/// taken there): a draft saved during the removal's few statements can still name a removed model, and starting it is
/// then refused with the cause (<see cref="Experiments.ExperimentService.StartAsync"/>).
/// </summary>
internal static class ModelRunLocks
{
    /// <summary>In the caller's transaction: the runs whose models are about to be removed; a draft naming one waits.</summary>
    public static Task HoldForRemovalAsync(RetailDbContext db, IReadOnlyCollection<int> runIds, CancellationToken ct) =>
        LockAsync(db, runIds, share: false, ct);

    /// <summary>In the caller's transaction: the runs a draft is about to name; their removal waits until it is saved (and a removal under way makes the draft wait).</summary>
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
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"ModelRuns\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR KEY SHARE", ct);
        }
        else
        {
            await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"ModelRuns\" WHERE \"Id\" = ANY({ids}) ORDER BY \"Id\" FOR UPDATE", ct);
        }
    }
}
