using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Experiments.Statistics;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs simulate-experiment`: the held-out weeks of a sales file replayed as an A/B test between two models,
/// through the real assignment and statistics code, so the pipeline can be shown without a live store.
/// </summary>
internal static class SimulateExperimentCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var file = options.Get("--transactions");
        if (file is null && options.Get("--database") is null)
        {
            Console.Error.WriteLine("simulate-experiment needs --transactions FILE (or --database FILE).");
            return 2;
        }
        string a = options.Get("--a", "hybrid")!, b = options.Get("--b", "popularity")!;
        int k;
        DateOnly? splitDate;
        EvaluationTrack track;
        try
        {
            k = options.Int("--k", 10);
            splitDate = options.Date("--split-date");
            track = options.Get("--mode", "replenishment") switch
            {
                "replenishment" => EvaluationTrack.Repeat,
                "discovery" => EvaluationTrack.New,
                var m => throw new ArgumentException($"Unknown mode '{m}': use replenishment or discovery."),
            };
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        var temporary = file is null ? null : Path.Combine(Path.GetTempPath(), $"retailrecs-simulate-{Guid.NewGuid():N}.db");
        try
        {
            await using var services = await CliDatabase.OpenAsync(temporary ?? options.Get("--database"));
            var clock = Stopwatch.StartNew();
            if (file is not null)
            {
                var imported = await services.GetRequiredService<ImportService>().ImportAsync(
                    new ImportRequest(ImportKind.Transactions, file, Path.GetFileName(file), "cli:simulate-experiment", false, options.ColumnMap()));
                Console.Error.WriteLine($"Imported {imported.Report.RowsRead:N0} rows from {Path.GetFileName(file)} in {clock.Elapsed.TotalSeconds:F1} s.");
            }
            await services.GetRequiredService<ProductCategoriser>().CategoriseAsync();
            var protocol = new EvaluationOptions { SplitDate = splitDate, K = k, Tracks = [track] };
            // The models learn from the training window before the split, as `evaluate` and a training on that day would.
            var window = await services.GetRequiredService<EvaluationService>().TrainingWindowAsync(protocol);
            var all = await services.GetRequiredService<TrainingDataLoader>().LoadAsync(window);
            var split = HoldoutSplit.Create(all, protocol);
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] Training {a} and {b} on the sales before {DateOnly.FromDayNumber(split.SplitDay):yyyy-MM-dd}");
            var trained = BundleTrainer.Train(split.Train, a == b ? [a] : [a, b], new TrainingParameters());
            if (trained.FirstOrDefault(t => t.Bundle is null) is { } failed)
            {
                Console.Error.WriteLine($"Not simulated: training {failed.Algorithm} failed: {failed.Error}");
                return 1;
            }
            var bundleA = trained.Single(t => t.Algorithm == a).Bundle!;
            var bundleB = trained.Single(t => t.Algorithm == b).Bundle!;
            Console.Error.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1} s] Assigning and exposing the test customers");
            var result = ExperimentSimulation.Run(split, (a, bundleA), (b, bundleB), k, track);
            Print(result, split, k, track);
            Console.WriteLine($"Whole simulation {clock.Elapsed.TotalSeconds:F1} s (import included).");
            return 0;
        }
        catch (Exception e) when (e is ImportException or EvaluationException or ArgumentException)
        {
            Console.Error.WriteLine($"Not simulated: {e.Message}");
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

    private static void Print(ExperimentSimulation.Result result, HoldoutSplit split, int k, EvaluationTrack track)
    {
        var c = CultureInfo.InvariantCulture;
        var report = result.Report;
        Console.WriteLine(string.Create(c, $"Simulated A/B test: {report.Variants.Sum(v => v.Units):N0} test customers of the {result.HeldOutDays} held-out days " +
            $"from {DateOnly.FromDayNumber(split.SplitDay):yyyy-MM-dd}, 50/50 by hash of (customer, experiment 1), shown a top {k} " +
            $"({(track == EvaluationTrack.Repeat ? "replenishment" : "discovery")}); conversion = bought a shown product in the window."));
        Console.WriteLine();
        Console.WriteLine($"{"variant",-22} {"customers",9} {"conv.",6} {"rate",7} {"95% CI",17} {"uplift",9} {"rel.",7} {"p",8}   " +
                          $"{"revenue/cust",12} {"95% CI",19} {"uplift",8} {"p (Welch)",9}");
        foreach (var v in report.Variants)
        {
            var rate = v.Metrics[ExperimentMetric.PurchaseWithinDays];
            var revenue = v.Metrics[ExperimentMetric.RevenuePerExposed];
            Console.WriteLine(string.Create(c,
                $"{v.Name,-22} {v.Units,9:N0} {rate.Conversions,6:N0} {rate.Value,7:P1} {$"[{rate.Low:P1}, {rate.High:P1}]",17} " +
                $"{Points(rate.VersusControl),9} {Rel(rate.VersusControl),7} {P(rate.VersusControl),8}   " +
                $"{revenue.Value,12:F2} {$"[{revenue.Low:F2}, {revenue.High:F2}]",19} {Diff(revenue.VersusControl, "F2"),8} {P(revenue.VersusControl),9}"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(c, $"Sample ratio: χ² = {report.SampleRatio.ChiSquare:F2}, p = {P(report.SampleRatio.PValue)} ") +
            (report.SampleRatio.Mismatch ? "— MISMATCH: do not trust the results." : "(no mismatch)."));
        var control = report.Variants[0].Metrics[ExperimentMetric.PurchaseWithinDays].Value;
        if (control is > 0 and < 0.9)
        {
            Console.WriteLine(string.Create(c, $"Sample size to detect a 10% relative change from {control:P1} (α 0.05 two-sided, power 0.8): " +
                $"{SampleSize.PerVariant(control, 0.1, relative: true):N0} customers per variant."));
        }
        Console.WriteLine($"Verdict (purchase of a suggested product): {report.Verdict.Text}");
        var revenueTest = report.Variants[1].Metrics[ExperimentMetric.RevenuePerExposed].VersusControl!;
        Console.WriteLine(string.Create(c, $"Revenue per exposed customer: {(revenueTest.Significant() ? "different" : "no significant difference")} " +
            $"(Welch t = {revenueTest.Statistic:F2}, p = {P(revenueTest.PValue)})."));
    }

    private static string Diff(Comparison? x, string format) =>
        x is null ? "—" : (x.Difference >= 0 ? "+" : "") + x.Difference.ToString(format, CultureInfo.InvariantCulture);

    private static string Points(Comparison? x) =>
        x is null ? "—" : (x.Difference * 100).ToString("+0.0;-0.0", CultureInfo.InvariantCulture) + " pts";

    private static string Rel(Comparison? x) => x?.Relative is { } r ? (r >= 0 ? "+" : "") + r.ToString("P1", CultureInfo.InvariantCulture) : "—";

    private static string P(Comparison? x) => x is null ? "—" : P(x.PValue);

    private static string P(double p) => p < 0.0001 ? "<0.0001" : p.ToString("F4", CultureInfo.InvariantCulture);
}
