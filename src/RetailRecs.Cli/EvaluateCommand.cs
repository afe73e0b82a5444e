using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs evaluate`: loads a transactions file through the import code into a temporary database (or uses a
/// database as it is), then runs the Models page's evaluation and prints one row per model and track.
/// </summary>
internal static class EvaluateCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var file = options.Get("--transactions");
        if (file is null && options.Get("--database") is null)
        {
            Console.Error.WriteLine("evaluate needs --transactions FILE (or --database FILE to evaluate a database's sales).");
            return 2;
        }
        EvaluationOptions evaluation;
        try
        {
            evaluation = Parse(options);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        // A file is imported into a database of its own that disappears afterwards: evaluating never touches real data.
        var temporary = file is null ? null : Path.Combine(Path.GetTempPath(), $"retailrecs-evaluate-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = await CliDatabase.OpenAsync(temporary ?? options.Get("--database"));
            var clock = Stopwatch.StartNew();
            if (file is not null)
            {
                var result = await services.GetRequiredService<ImportService>().ImportAsync(
                    new ImportRequest(ImportKind.Transactions, file, Path.GetFileName(file), "cli:evaluate", false, options.ColumnMap()));
                Console.Error.WriteLine($"Imported {result.Report.RowsRead:N0} rows from {Path.GetFileName(file)} in {clock.Elapsed.TotalSeconds:F1} s.");
            }
            string? lastStage = null;
            var progress = new Progress<TrainingProgress>(p =>
            {
                if (p.Stage != lastStage)
                {
                    lastStage = p.Stage;
                    Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] {p.Stage}");
                }
            });
            // The Models page's job, holding its lease: another instance evaluating refuses this one in words.
            var job = services.GetRequiredService<EvaluationJobs>().For(evaluation, "cli", progress);
            var record = await services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().RunNowAsync(job);
            if (job.Outcome is not { } outcome)
            {
                Console.Error.WriteLine($"Not evaluated: {record.Outcome}");
                return 1;
            }
            if (options.Get("--predictions-out") is { } directory)
            {
                await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
                await PredictionFiles.WriteAsync(outcome, await db.Customers.ToDictionaryAsync(c => c.Id, c => c.CustomerCode), directory);
                Console.Error.WriteLine($"Lists and truth written to {Path.GetFullPath(directory)}.");
            }
            if (options.Get("--format", "table") == "json")
            {
                Console.WriteLine(JsonSerializer.Serialize(outcome.Result, new JsonSerializerOptions(ScoringJson.Options) { WriteIndented = true }));
            }
            else
            {
                PrintTable(outcome.Result);
                Console.WriteLine($"Whole evaluation {clock.Elapsed.TotalSeconds:F1} s (import included).");
            }
            return 0;
        }
        catch (Exception e) when (e is ImportException or EvaluationException or ArgumentException)
        {
            Console.Error.WriteLine($"Not evaluated: {e.Message}{CliHints.For(e)}");
            return 1;
        }
        finally
        {
            if (temporary is not null)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                File.Delete(temporary);
            }
        }
    }

    private static EvaluationOptions Parse(CommandLineOptions options)
    {
        var tracks = options.Get("--track", "both") switch
        {
            "both" => new[] { EvaluationTrack.Repeat, EvaluationTrack.New },
            "repeat" => [EvaluationTrack.Repeat],
            "new" => [EvaluationTrack.New],
            var t => throw new ArgumentException($"Unknown track '{t}': use repeat, new or both."),
        };
        return new EvaluationOptions
        {
            K = options.Int("--k", 10),
            Seed = options.Int("--seed", 1),
            SplitDate = options.Date("--split-date"),
            Tracks = tracks,
            Models = options.Get("--models")?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            // To measure what the category cap costs: the same evaluation with the cap as served, always, or never.
            Diversity = options.Get("--diversity", "adaptive") switch
            {
                "adaptive" => DiversityMode.Adaptive,
                "fixed" => DiversityMode.Fixed,
                "none" => DiversityMode.None,
                var m => throw new ArgumentException($"Unknown diversity '{m}': use adaptive, fixed or none."),
            },
        };
    }

    private static void PrintTable(EvaluationResult result)
    {
        Console.WriteLine($"Trained on sales {result.DataFrom:yyyy-MM-dd} to {result.SplitDate.AddDays(-1):yyyy-MM-dd}; tested on {result.SplitDate:yyyy-MM-dd} " +
                          $"to {result.DataTo:yyyy-MM-dd}. K = {result.K}. Means over test customers, 95% bootstrap interval in brackets for NDCG.");
        var header = string.Join(" ", EvaluationResult.MetricNames.Select(m => $"{Short(m),9}"));
        foreach (var track in result.Rows.Select(r => r.Track).Distinct())
        {
            Console.WriteLine();
            Console.WriteLine($"{track.ToString().ToLowerInvariant()} track ({result.Rows.First(r => r.Track == track).Customers:N0} test customers)");
            Console.WriteLine($"{"model",-22} {header}  ndcg 95% interval   note");
            foreach (var r in result.Rows.Where(r => r.Track == track).OrderByDescending(r => r.Metrics["ndcg"].Mean))
            {
                // Invariant like the interval beside them: a comma-decimal machine printed "0,1234" beside "[0.1200, …]".
                var cells = string.Join(" ", EvaluationResult.MetricNames.Select(m => string.Create(CultureInfo.InvariantCulture, $"{r.Metrics[m].Mean,9:F4}")));
                var ndcg = r.Metrics["ndcg"];
                var note = r.IsBaseline ? "baseline" : r.DoesNotBeat is { } b ? $"does not beat {b}" : "beats the baselines";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{r.Model + (r.IsBaseline ? " *" : ""),-22} {cells}  [{ndcg.Low:F4}, {ndcg.High:F4}]  {note}"));
            }
        }
    }

    private static string Short(string metric) => metric switch { "hitRate" => "hit", "diversity" => "ild", _ => metric };
}
