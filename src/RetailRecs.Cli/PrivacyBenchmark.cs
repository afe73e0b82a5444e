using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Recommendations.Persistence;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs benchmark privacy`: export and erasure times for the customers with the most order lines, in process
/// (as a running app does them, with the champion loaded when there is one), after one warm-up of each on another
/// customer. It erases those customers: run it on a copy of the database.
/// </summary>
internal static class PrivacyBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var count = options.Int("--customers", 5);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var champion = await services.GetRequiredService<ModelRegistry>().GetChampionAsync();
        Console.WriteLine(champion is null ? "No champion model loaded." : $"Champion run {champion.RunId} ({champion.Bundle.Algorithm}) loaded: erasure makes it forget each customer.");
        List<string> codes;
        await using (var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            var biggest = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .Select(g => new { Id = g.Key, Lines = g.Sum(o => o.LineCount) })
                .OrderByDescending(g => g.Lines).ThenBy(g => g.Id).Take(count + 1).Select(g => g.Id).ToListAsync();
            var byId = await db.Customers.Where(c => biggest.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.CustomerCode);
            codes = biggest.Select(id => byId[id]).ToList();
        }
        if (codes.Count < 2)
        {
            Console.Error.WriteLine("Too few customers with orders to measure.");
            return 1;
        }
        var actor = new StaffActor(null, "benchmark");
        var exports = services.GetRequiredService<CustomerExportService>();
        var erasure = services.GetRequiredService<CustomerErasureService>();
        // Warm-up on the last of the list: query compilation and the first connection are not what a user waits for.
        await exports.ExportAsync(codes[^1], actor);
        await erasure.EraseAsync(codes[^1], actor);

        var exportTimes = new List<double>();
        var eraseTimes = new List<double>();
        foreach (var code in codes.Take(codes.Count - 1))
        {
            var watch = Stopwatch.StartNew();
            var export = (await exports.ExportAsync(code, actor))!;
            var json = export.ToJson();
            exportTimes.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            var erased = (await erasure.EraseAsync(code, actor))!;
            eraseTimes.Add(watch.Elapsed.TotalMilliseconds);
            Console.WriteLine($"  {export.Orders.Count,4} orders, {export.Orders.Sum(o => o.Lines.Count),5:N0} lines, {json.Length / 1024.0,6:N0} KiB JSON: " +
                $"export {exportTimes[^1],6:N0} ms, erase {eraseTimes[^1],6:N0} ms ({erased.OrdersAnonymised} orders anonymised)");
        }
        Console.WriteLine($"Export: median {Median(exportTimes):N0} ms (min {exportTimes.Min():N0}, max {exportTimes.Max():N0}); " +
            $"erasure: median {Median(eraseTimes):N0} ms (min {eraseTimes.Min():N0}, max {eraseTimes.Max():N0}); {exportTimes.Count} customers.");
        return 0;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
