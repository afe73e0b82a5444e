using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Cli;

/// <summary>`retailrecs train`: the Models page's training job (train, then re-segment), from the command line.</summary>
internal static class TrainCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var algorithms = options.Get("--algorithms") is { } list
            ? list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList()
            : AlgorithmNames.Trainable.ToList();
        var unknown = algorithms.Except(AlgorithmNames.All).ToList();
        if (unknown.Count > 0)
        {
            Console.Error.WriteLine($"Unknown algorithm(s): {string.Join(", ", unknown)}. Known: {string.Join(", ", AlgorithmNames.All)}.");
            return 2;
        }
        var parameters = new TrainingParameters();
        if (options.Get("--similarity") is { } similarity)
        {
            if (!Enum.TryParse<ItemSimilarity>(similarity.Replace("-", ""), true, out var parsed))
            {
                Console.Error.WriteLine($"Unknown similarity '{similarity}': use cosine, jaccard, lift or cooccurrence.");
                return 2;
            }
            parameters = parameters with { Similarity = parsed };
        }
        var window = new TrainingWindow(options.Date("--from"), options.Date("--to"));
        SelectionTrack? track = null;
        if (options.Get("--selection-track") is { } t)
        {
            if (!Enum.TryParse<SelectionTrack>(t, true, out var parsed))
            {
                Console.Error.WriteLine($"Unknown selection track '{t}': use both, repeat or new.");
                return 2;
            }
            track = parsed;
        }
        // --promote is the admin's override: the listed run serves whatever the evidence, so no selection is made.
        var promote = options.Flag("--promote");

        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var training = services.GetRequiredService<TrainingJobs>();
        var clock = Stopwatch.StartNew();
        TimeSpan? trainedIn = null;
        string? lastStage = null;
        void Print(JobStatus status)
        {
            if (status.Stage is { } stage && stage != lastStage)
            {
                lastStage = stage;
                if (stage == SegmentationJob.Stage)
                {
                    trainedIn = clock.Elapsed; // the README's training figures are the training's alone
                }
                // The memory beside each stage says which stage set the peak (the process's high-water mark so far),
                // so a chain's training can be sized from one run without sampling it from outside.
                using var process = Process.GetCurrentProcess();
                Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {stage}  (memory {process.WorkingSet64 / (1 << 20):N0} MiB, peak so far {process.PeakWorkingSet64 / (1 << 20):N0} MiB)");
            }
        }
        training.Changed += Print;
        var job = training.For(new TrainingRequest(algorithms, window, parameters, "cli", SelectChampion: !promote, SelectionTrack: track));
        var record = await services.GetRequiredService<JobRunner>().RunNowAsync(job);
        training.Changed -= Print;
        var runs = job.Runs;
        if (record.Failed || runs.Count == 0)
        {
            Console.Error.WriteLine($"Not trained: {record.Outcome}");
            return 1;
        }
        var total = trainedIn ?? clock.Elapsed;

        Console.WriteLine($"{"run",5}  {"algorithm",-11} {"status",-10} {"seconds",8} {"artifact",10}  note");
        foreach (var run in runs)
        {
            Console.WriteLine($"{run.Id,5}  {run.Algorithm,-11} {run.Status,-10} {run.TrainingSeconds,8:F1} {(run.ArtifactBytes ?? 0) / 1024.0 / 1024.0,7:F1} MiB  {run.Error}");
        }
        Console.WriteLine($"Whole job: {total.TotalSeconds:F1} s (reading sales included). Data: {runs[0].Purchases:N0} purchases, " +
                          $"{runs[0].Customers:N0} customers, {runs[0].Products:N0} products, {runs[0].DataFrom:yyyy-MM-dd} to {runs[0].DataTo:yyyy-MM-dd}.");
        if (ChampionEvidence.DecisionOf(runs.FirstOrDefault(r => r.Status == ModelRunStatus.Succeeded)?.Metrics) is { } decision)
        {
            PrintSelection(decision);
        }
        if (job.SegmentsOutcome is { } segments)
        {
            Console.WriteLine(job.Segmented is null ? segments : $"{segments} ({(clock.Elapsed - total).TotalSeconds:F1} s)");
        }
        if (promote && runs.FirstOrDefault(r => r.Status == ModelRunStatus.Succeeded) is { } best)
        {
            try
            {
                await services.GetRequiredService<ModelRegistry>().PromoteAsync(best.Id, new StaffActor(null, "cli"));
                Console.WriteLine($"Run {best.Id} ({best.Algorithm}) is now the champion.");
            }
            catch (RetailRecs.Core.Data.StorageUnavailableException e)
            {
                Console.Error.WriteLine($"Run {best.Id} was not promoted: {e.Message} The current champion keeps serving.");
                return 1;
            }
            catch (InvalidOperationException e)
            {
                // Already the champion, retrained since, or held by a running experiment: said in words, not a stack trace.
                Console.Error.WriteLine($"{e.Message} The current champion keeps serving.");
                return 1;
            }
        }
        await using (var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            var champion = await db.ModelRuns.AsNoTracking().FirstOrDefaultAsync(r => r.IsChampion);
            Console.WriteLine(champion is null ? "champion: none" : $"champion: {champion.Algorithm} (run {champion.Id})");
        }
        return runs.All(r => r.Status == ModelRunStatus.Succeeded) ? 0 : 1;
    }

    /// <summary>The figures the champion was chosen on: NDCG per track and the intervals against best sellers and the champion.</summary>
    private static void PrintSelection(ChampionDecision d)
    {
        Console.WriteLine();
        Console.WriteLine(d.HoldoutFrom is { } from
            ? $"Champion selection: every model trained again without {from:yyyy-MM-dd} to {d.HoldoutTo:yyyy-MM-dd} and scored on it (NDCG@{d.K}, " +
              $"95% paired bootstrap intervals; deciding: {d.Track.ToString().ToLowerInvariant()}{(d.ChampionAlgorithm is { } was ? $"; champion was {was} (run {d.ChampionRunId})" : "; no champion yet")})."
            : "Champion selection: no comparison was possible.");
        foreach (var track in d.Contenders.SelectMany(c => c.Tracks).Select(t => t.Track).Distinct())
        {
            var first = d.Contenders.SelectMany(c => c.Tracks).First(t => t.Track == track);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {track.ToString().ToLowerInvariant()} track, {first.Customers:N0} customers, best sellers {first.BestSellersNdcg:F4}"));
            foreach (var c in d.Contenders.OrderByDescending(c => c.Tracks.FirstOrDefault(t => t.Track == track)?.Ndcg ?? 0))
            {
                if (c.Tracks.FirstOrDefault(t => t.Track == track) is not { } e)
                {
                    continue;
                }
                var champion = e.VersusChampion is { } v ? string.Create(CultureInfo.InvariantCulture, $"  vs champion {v.Mean:+0.0000;-0.0000} [{v.Low:+0.0000;-0.0000}, {v.High:+0.0000;-0.0000}]") : "";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"    {c.Algorithm,-11} {e.Ndcg:F4}  vs best sellers {e.VersusBestSellers.Mean:+0.0000;-0.0000} [{e.VersusBestSellers.Low:+0.0000;-0.0000}, {e.VersusBestSellers.High:+0.0000;-0.0000}]{champion}{(c.Qualifies ? "  qualifies" : "")}"));
            }
        }
        Console.WriteLine(d.Reason);
    }
}
