using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Cli;

/// <summary>`retailrecs segment`: the Segments page's run from the command line, timed (the README's segmentation figure).</summary>
internal static class SegmentCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var segmentation = new SegmentationOptions
        {
            FixedK = options.Int("--k"),
            MinK = options.Int("--min-k", 3),
            MaxK = options.Int("--max-k", 10),
        };
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var clock = Stopwatch.StartNew();
        try
        {
            // The Segments page's job, holding its lease: another instance segmenting refuses this run in words.
            var job = services.GetRequiredService<SegmentationJobs>().For(segmentation, "cli");
            var record = await services.GetRequiredService<JobRunner>().RunNowAsync(job);
            if (job.Run is not { } run)
            {
                Console.Error.WriteLine(record.Outcome);
                return 1;
            }
            var total = clock.Elapsed;
            var overview = await services.GetRequiredService<SegmentQueries>().CurrentAsync();
            Console.WriteLine($"{"k",3} {"silhouette",11} {"davies-bouldin",15}");
            foreach (var s in overview!.Scores)
            {
                Console.WriteLine($"{s.K,3} {s.Silhouette,11:F3} {s.DaviesBouldin,15:F3}{(s.K == run.K ? "  ← used" : "")}");
            }
            Console.WriteLine();
            Console.WriteLine($"{"segment",-34} {"customers",9} {"revenue",8} {"recency",8} {"orders",7} {"spend",9}  top categories");
            foreach (var s in overview.Segments)
            {
                // Without prices spend is unknown, not zero.
                var revenue = overview.SpendKnown ? s.RevenueShare.ToString("P0", CultureInfo.InvariantCulture) : "—";
                var spend = overview.SpendKnown ? s.MedianMonetary.ToString("N0", CultureInfo.InvariantCulture) : "—";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Name,-34} {s.Size,9:N0} {revenue,8} {s.MedianRecencyDays,6:F0} d {s.MedianFrequency,7:F0} {spend,9}  {string.Join(", ", s.Profile.TopCategories.Take(3).Select(c => c.Label))}"));
            }
            Console.WriteLine();
            Console.WriteLine($"Features: {SegmentFeatures.Describe(overview.Features)}.");
            Console.WriteLine();
            Console.WriteLine($"Segmented {run.Customers:N0} customers into {run.K} segments in {total.TotalSeconds:F1} s " +
                              $"(reading, clustering every k, storing). Recency as of {run.AsOf:yyyy-MM-dd}.");
            return 0;
        }
        catch (SegmentationException e)
        {
            Console.Error.WriteLine(e.Message);
            return 1;
        }
    }
}
