using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;

namespace RetailRecs.Cli;

/// <summary>`retailrecs benchmark dashboard`: server time to compute the whole manager dashboard, as the page does.</summary>
internal static class BenchmarkCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is not ["dashboard", .. var rest])
        {
            Console.Error.WriteLine("benchmark takes: dashboard [--database FILE] [--runs N] [--segment ID] [--queries N] [--stale-month]");
            return 2;
        }
        var options = CommandLineOptions.Parse(rest);
        var runs = options.Int("--runs", 5);
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var dashboard = services.GetRequiredService<DashboardService>();
        // As the running app keeps them: a database from before the rollups, or just imported elsewhere, gets them first.
        var contexts = services.GetRequiredService<IDbContextFactory<RetailDbContext>>();
        var refresh = Stopwatch.StartNew();
        var months = (await SalesRollup.RefreshAsync(contexts)).Months;
        if (months > 0)
        {
            Console.WriteLine($"Sales rollups refreshed for {months} month(s) in {refresh.Elapsed.TotalSeconds:N1} s.");
        }
        var filter = await dashboard.DefaultFilterAsync() with
        {
            SegmentId = options.Get("--segment") is { } segment ? int.Parse(segment, System.Globalization.CultureInfo.InvariantCulture) : null,
        };
        // --stale-month: the dashboard between a write that marks the period's last month (an import, an erasure, an
        // admin's change to an order) and the refresh that follows it: that month is read from its lines. The mark is
        // removed at the end by a refresh. Sales through the events API no longer mark their month.
        var stale = options.Flag("--stale-month");
        if (stale)
        {
            await using var db = await contexts.CreateDbContextAsync();
            SalesRollup.Mark(db, [filter.To]);
            await db.SaveChangesAsync();
            Console.WriteLine($"Stale: {SalesRollup.MonthOf(filter.To):yyyy-MM} marked as changed since its refresh.");
        }
        Console.WriteLine($"Filter: {filter.From:yyyy-MM-dd} to {filter.To:yyyy-MM-dd}, all countries, " +
                          $"{(filter.SegmentId is { } id ? $"segment {id}" : "all customers")}, by {filter.Granularity.ToString().ToLowerInvariant()}.");

        await dashboard.GetAsync(filter); // warm-up: connection pool, query compilation
        // --queries N: which SQL commands the time goes to (the N slowest, summed per run), to tell the figures apart.
        var shown = options.Int("--queries", 0);
        using var queries = new QueryTimes { Recording = shown > 0 };
        var times = new List<double>();
        // The process's CPU time too: on a machine shared with other work the wall time measures the machine as much.
        var cpu = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var data = await dashboard.GetAsync(filter);
            times.Add(clock.Elapsed.TotalMilliseconds);
            process.Refresh();
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
            if (i == 0)
            {
                // The first figure is revenue only when the data has prices; a shop without them leads with units sold.
                Console.WriteLine($"{data.Kpis[0].Name} {data.Kpis[0].Value:N0}, orders {data.Kpis[1].Value:N0}, {data.RevenueTrend.Count} trend points, {data.Cohorts.Count} cohorts.");
            }
        }
        times.Sort();
        cpu.Sort();
        static double Median(List<double> sorted) => sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
        Console.WriteLine($"Dashboard server time: median {Median(times):N0} ms (min {times[0]:N0}, max {times[^1]:N0}; {runs} runs after one warm-up); " +
                          $"CPU time median {Median(cpu):N0} ms (min {cpu[0]:N0}, max {cpu[^1]:N0}); load average {LoadAverage()}.");
        if (stale)
        {
            // The figures were the orders' anyway; the refresh puts back the rows as they were.
            await SalesRollup.RefreshAsync(contexts);
        }
        if (shown > 0)
        {
            Console.WriteLine($"The {shown} slowest SQL commands (time per run, calls per run):");
            foreach (var line in queries.Slowest(runs, shown))
            {
                Console.WriteLine(line);
            }
        }
        return 0;
    }

    /// <summary>The one-minute load average where the system tells it (Linux), for the record beside the figures.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "unknown";
}
