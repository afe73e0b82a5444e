using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs benchmark recommend`: in-process latency of top-10 suggestions for many customers with the champion
/// loaded, as the customer card asks for them (database reads for opt-out, dismissals and live product state included).
/// </summary>
internal static class RecommendBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var count = options.Int("--customers", 1000);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var registry = services.GetRequiredService<ModelRegistry>();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        // The load's CPU time beside its wall time: on a machine shared with other work the wall time measures the machine.
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var champion = await registry.GetChampionAsync();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        if (champion is null)
        {
            Console.Error.WriteLine("No champion model: run `train` first.");
            return 1;
        }
        var memory = GC.GetTotalMemory(forceFullCollection: true) - before;
        Console.WriteLine($"Champion: run {champion.RunId} ({champion.Bundle.Algorithm}), loaded in {champion.LoadTime.TotalMilliseconds:N0} ms (CPU {cpu.TotalMilliseconds:N0} ms), " +
                          $"{memory / 1024.0 / 1024.0:N1} MiB managed memory.");

        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var ids = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).ToListAsync();
        var random = new Random(7);
        var sample = ids.OrderBy(_ => random.Next()).Take(count).ToList();
        var service = services.GetRequiredService<RecommendationService>();
        // Warm-up: query compilation, and enough calls for the JIT's tiered compilation to reach optimised code, as it
        // has in a server that has been up for a while (20 calls left p95 swinging between 5 and 11 ms from run to run).
        foreach (var id in ids.OrderBy(_ => random.Next()).Take(500))
        {
            await service.ForCustomerAsync(id);
        }
        var times = new List<double>(sample.Count);
        var personalised = 0;
        foreach (var id in sample)
        {
            var clock = Stopwatch.StartNew();
            var list = await service.ForCustomerAsync(id);
            times.Add(clock.Elapsed.TotalMilliseconds);
            personalised += list.Personalised ? 1 : 0;
        }
        times.Sort();
        double P(double q) => times[Math.Min(times.Count - 1, (int)Math.Ceiling(q * times.Count) - 1)];
        Console.WriteLine($"Top-10 for {times.Count} customers ({personalised} personalised): p50 {P(0.5):F2} ms, p95 {P(0.95):F2} ms, " +
                          $"p99 {P(0.99):F2} ms, max {times[^1]:F2} ms.");

        // The model's own share of that time (no database): which part to optimise.
        var bundle = champion.Bundle;
        var parts = new List<(string Name, Core.Recommendations.Engine.IRecommender Model)>
            { ("ranker " + bundle.Algorithm, bundle.Ranker), ("item-knn", bundle.ItemKnn), ("content", bundle.Content) };
        if (bundle.Ranker is Core.Recommendations.Algorithms.HybridModel hybrid)
        {
            parts.Add(("user-knn", hybrid.UserKnn));
        }
        foreach (var (name, model) in parts)
        {
            var modelTimes = new List<double>();
            foreach (var id in sample)
            {
                var c = bundle.CustomerOf(id);
                var query = new Core.Recommendations.Engine.RecommendationQuery(bundle.HistoryOf(c), [], bundle.LastDay, c ?? -1, NewItemsOnly: true);
                var clock = Stopwatch.StartNew();
                model.Recommend(query, RecommendationService.DefaultCount * 6);
                modelTimes.Add(clock.Elapsed.TotalMilliseconds);
            }
            modelTimes.Sort();
            Console.WriteLine($"  model only, {name}: p50 {modelTimes[modelTimes.Count / 2]:F2} ms, p95 {modelTimes[(int)(modelTimes.Count * 0.95)]:F2} ms");
        }
        return 0;
    }
}
