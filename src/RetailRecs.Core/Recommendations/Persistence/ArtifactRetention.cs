using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using System.Text.Json;

namespace RetailRecs.Core.Recommendations.Persistence;

/// <summary>
/// Removes the stored models of older runs after a training, so the database does not grow with every night's
/// training (60 MiB each for a ten-store chain) and old models stop carrying customers' histories. Kept: each
/// algorithm's latest <c>keep</c> runs with a model (the latest is the one the Models page can promote), the champion,
/// and every run a draft or running experiment names (it may serve them, and stopping one promotes its winner). A
/// stopped experiment needs no model: its results are read from the events, so its runs are kept no longer than any
/// other's (otherwise every experiment ever run would keep customers' histories for good). The runs themselves and
/// their figures stay; a shared part goes once no run points at it.
/// </summary>
internal static class ArtifactRetention
{
    /// <returns>The runs whose models were removed.</returns>
    public static async Task<IReadOnlyList<int>> RemoveOlderAsync(RetailDbContext db, int keep, DateTime now, CancellationToken ct)
    {
        keep = Math.Max(1, keep);
        var stored = await db.ModelRuns.Where(r => db.ModelRunArtifacts.Any(a => a.ModelRunId == r.Id))
            .Select(r => new { r.Id, r.Algorithm, r.IsChampion }).ToListAsync(ct);
        var named = await RunsExperimentsNameAsync(db, ct);
        var older = stored.GroupBy(r => r.Algorithm)
            .SelectMany(g => g.OrderByDescending(r => r.Id).Skip(keep))
            .Where(r => !r.IsChampion && !named.Contains(r.Id))
            .Select(r => r.Id).ToList();
        if (older.Count == 0)
        {
            return [];
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The champion and the experiments are read again inside the transaction: a promotion, or a draft naming one of
        // these runs, may have been saved since they were read. The runs are locked first (ModelRunLocks), so a draft
        // being saved now either committed before this read (and keeps its run) or waits, then reads what this left:
        // a removed model is refused (ExperimentService.CreateAsync).
        await ModelRunLocks.HoldForRemovalAsync(db, older, ct);
        named = await RunsExperimentsNameAsync(db, ct);
        var removable = await db.ModelRuns.Where(r => older.Contains(r.Id) && !r.IsChampion).Select(r => r.Id).ToListAsync(ct);
        removable.RemoveAll(named.Contains);
        await db.ModelRunArtifacts.Where(a => removable.Contains(a.ModelRunId)).ExecuteDeleteAsync(ct);
        await db.ModelRuns.Where(r => removable.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.ArtifactRemovedAt, now), ct);
        await db.ModelArtifactParts.Where(p => !db.ModelRunArtifacts.Any(a => a.SharedPartId == p.Id)).ExecuteDeleteAsync(ct);
        await tx.CommitAsync(ct);
        return removable;
    }

    /// <summary>The runs a draft or running experiment names.</summary>
    private static async Task<HashSet<int>> RunsExperimentsNameAsync(RetailDbContext db, CancellationToken ct) =>
        (await db.Experiments.Where(e => e.Status != ExperimentStatus.Stopped).Select(e => e.Variants).ToListAsync(ct))
            .SelectMany(RunsNamedBy).ToHashSet();

    /// <summary>
    /// The model runs an experiment's stored variants name (<see cref="Model.Experiment.Variants"/>: a JSON list of
    /// <see cref="Model.ExperimentVariant"/> in web casing). Read here rather than through the Experiments feature,
    /// which depends on this one.
    /// </summary>
    private static IEnumerable<int> RunsNamedBy(string variants)
    {
        using var json = JsonDocument.Parse(variants);
        var runs = new List<int>();
        foreach (var variant in json.RootElement.EnumerateArray())
        {
            if (variant.TryGetProperty("modelRunId", out var run) && run.ValueKind == JsonValueKind.Number)
            {
                runs.Add(run.GetInt32());
            }
        }
        return runs;
    }
}
