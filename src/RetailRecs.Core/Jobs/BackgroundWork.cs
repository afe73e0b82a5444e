using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// The Background work page's reading of the job runner: what runs and waits on this instance (live, from the
/// <see cref="JobRunner"/>), and the recent jobs of every instance from each kind's stored runs (model runs,
/// segmentation runs, evaluation runs, imports). Kinds that store no runs (the retention policy: its runs are in the
/// audit log) come from this instance's runner, marked as such.
/// </summary>
public sealed class BackgroundWork(JobRunner runner, IDbContextFactory<RetailDbContext> contexts)
{
    /// <summary>Recent jobs shown.</summary>
    public const int RecentShown = 30;

    /// <summary>Model runs stored within this of the first of a training are the same training (they are stored together, in one save).</summary>
    public static readonly TimeSpan SameTraining = TimeSpan.FromSeconds(2);

    private static readonly HashSet<string> Stored = ["training", "segmentation", "evaluation", "import"];

    /// <summary>The jobs running or waiting on this instance.</summary>
    public IReadOnlyList<ActiveJob> Active => runner.Active;

    /// <summary>Raised (on a background thread) whenever a job on this instance is queued, moves on, or ends.</summary>
    public event Action<string> Changed
    {
        add => runner.Changed += value;
        remove => runner.Changed -= value;
    }

    public static string KindName(string kind) => kind switch
    {
        "training" => "Training, then segments",
        "segmentation" => "Segmentation",
        "evaluation" => "Evaluation",
        "import" => "Import",
        "retention" => "Retention policy",
        _ => kind,
    };

    /// <summary>The latest jobs of every kind, newest first; this instance's running ones are left to <see cref="Active"/>, which shows their progress.</summary>
    public async Task<IReadOnlyList<PastJob>> RecentAsync(int take = RecentShown, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var jobs = new List<PastJob>();
        jobs.AddRange(await TrainingsAsync(db, take, ct));
        jobs.AddRange(await SegmentationsAsync(db, take, ct));
        jobs.AddRange(await EvaluationsAsync(db, take, ct));
        jobs.AddRange(await ImportsAsync(db, take, ct));
        jobs.AddRange(runner.History.Where(r => !Stored.Contains(r.Kind)).Select(r => new PastJob(r.Kind, "", r.StartedBy, r.StartedAt ?? r.AskedAt,
            r.FinishedAt, r.Failed ? JobState.Failed : JobState.Succeeded, r.Outcome, ThisInstanceOnly: true)));
        return jobs.Where(j => j.State != JobState.Running).OrderByDescending(j => j.StartedAt).Take(take).ToList();
    }

    private static JobState StateOf(ModelRunStatus status, string? owner) => status switch
    {
        ModelRunStatus.Running => owner == ProcessOwner.Current || owner is null ? JobState.Running : JobState.RunningElsewhere,
        ModelRunStatus.Succeeded => JobState.Succeeded,
        ModelRunStatus.Failed => JobState.Failed,
        ModelRunStatus.Cancelled => JobState.Stopped,
        _ => JobState.Skipped,
    };

    /// <summary>A training stores one run per model; the runs of one training are told apart by who started them and when.</summary>
    private static async Task<IEnumerable<PastJob>> TrainingsAsync(RetailDbContext db, int take, CancellationToken ct)
    {
        var runs = await db.ModelRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take * 8)
            .Select(r => new { r.Id, r.Status, r.StartedAt, r.FinishedAt, r.StartedBy, r.Error, r.Owner })
            .ToListAsync(ct);
        var trainings = new List<PastJob>();
        foreach (var group in runs.OrderBy(r => r.Id).GroupAdjacentBy((first, next) => next.StartedBy == first.StartedBy && next.StartedAt - first.StartedAt <= SameTraining))
        {
            var first = group[0];
            var last = group[^1];
            var ok = group.Count(r => r.Status == ModelRunStatus.Succeeded);
            var state = group.FirstOrDefault(r => r.Status == ModelRunStatus.Running) is { } running ? StateOf(running.Status, running.Owner)
                : ok > 0 ? JobState.Succeeded
                : group.All(r => r.Status == ModelRunStatus.Cancelled) ? JobState.Stopped
                : group.All(r => r.Status == ModelRunStatus.Skipped) ? JobState.Skipped
                : JobState.Failed;
            var errors = string.Join(" ", group.Where(r => r.Status is ModelRunStatus.Failed or ModelRunStatus.Cancelled && r.Error is not null)
                .Select(r => r.Error).Distinct());
            var message = state switch
            {
                JobState.Succeeded when ok == group.Count => $"Trained {ok} model{(ok == 1 ? "" : "s")}.",
                JobState.Succeeded => $"{ok} of {group.Count} models trained. {errors}".TrimEnd(),
                JobState.Running or JobState.RunningElsewhere => null,
                _ => errors.Length > 0 ? errors : null,
            };
            var what = group.Count == 1 ? $"Run {first.Id}" : $"Runs {first.Id}–{last.Id} ({group.Count} models)";
            trainings.Add(new PastJob("training", what, first.StartedBy, first.StartedAt,
                state is JobState.Running or JobState.RunningElsewhere ? null : group.Max(r => r.FinishedAt), state, message));
        }
        return trainings;
    }

    private static async Task<IEnumerable<PastJob>> SegmentationsAsync(RetailDbContext db, int take, CancellationToken ct)
    {
        var runs = await db.SegmentationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new { r.Id, r.Status, r.StartedAt, r.FinishedAt, r.StartedBy, r.Error, r.Owner, r.Customers, r.K, r.AfterTrainingRunId })
            .ToListAsync(ct);
        return runs.Select(r => new PastJob("segmentation", r.AfterTrainingRunId is { } t ? $"Run {r.Id}, after training run {t}" : $"Run {r.Id}",
            r.StartedBy, r.StartedAt, r.FinishedAt, StateOf(r.Status, r.Owner),
            r.Status == ModelRunStatus.Succeeded ? $"{r.Customers:N0} customers in {r.K} segments." : r.Error));
    }

    private static async Task<IEnumerable<PastJob>> EvaluationsAsync(RetailDbContext db, int take, CancellationToken ct)
    {
        var runs = await db.EvaluationRuns.AsNoTracking().OrderByDescending(r => r.Id).Take(take)
            .Select(r => new { r.Id, r.Status, r.StartedAt, r.FinishedAt, r.StartedBy, r.Error, r.Owner, r.SplitDate })
            .ToListAsync(ct);
        return runs.Select(r => new PastJob("evaluation", $"Run {r.Id}", r.StartedBy, r.StartedAt, r.FinishedAt, StateOf(r.Status, r.Owner),
            r.Status == ModelRunStatus.Succeeded ? $"Every model scored on the sales from {r.SplitDate:d MMM yyyy}." : r.Error));
    }

    /// <summary>Imports without the file's name: the page is read by every manager, and a file may be named after a person.</summary>
    private static async Task<IEnumerable<PastJob>> ImportsAsync(RetailDbContext db, int take, CancellationToken ct)
    {
        var batches = await db.ImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(take)
            .Select(b => new { b.Id, b.Kind, b.Status, b.StartedAt, b.FinishedAt, b.ImportedBy, b.Message, b.Owner, b.RowsRead })
            .ToListAsync(ct);
        return batches.Select(b => new PastJob("import", $"Import {b.Id}: {Describe(b.Kind)}, {b.RowsRead:N0} rows", b.ImportedBy, b.StartedAt, b.FinishedAt,
            b.Status switch
            {
                ImportStatus.Running => b.Owner == ProcessOwner.Current || b.Owner is null ? JobState.Running : JobState.RunningElsewhere,
                ImportStatus.Succeeded => JobState.Succeeded,
                ImportStatus.Failed => JobState.Failed,
                ImportStatus.Cancelled => JobState.Stopped,
                _ => JobState.Skipped,
            }, b.Message));
    }

    private static string Describe(ImportKind kind) => kind switch
    {
        ImportKind.Products => "products file",
        ImportKind.Customers => "customers file",
        ImportKind.Transactions => "transactions file",
        _ => "demo data",
    };
}

internal static class AdjacentGroups
{
    /// <summary>Splits a sequence into runs of neighbours that <paramref name="same"/> (first of the group, candidate) keeps together.</summary>
    public static IEnumerable<List<T>> GroupAdjacentBy<T>(this IEnumerable<T> items, Func<T, T, bool> same)
    {
        List<T>? group = null;
        foreach (var item in items)
        {
            if (group is not null && same(group[0], item))
            {
                group.Add(item);
                continue;
            }
            if (group is not null)
            {
                yield return group;
            }
            group = [item];
        }
        if (group is not null)
        {
            yield return group;
        }
    }
}
