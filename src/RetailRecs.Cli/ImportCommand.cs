using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;

namespace RetailRecs.Cli;

/// <summary>`retailrecs import`: the same import path and report as the upload page, for automation and benchmarks.</summary>
internal static class ImportCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var file = options.Get("--file");
        if (file is null || !Enum.TryParse<ImportKind>(options.Get("--kind", "transactions"), true, out var kind))
        {
            Console.Error.WriteLine("import needs --file PATH and --kind transactions, products or customers (see `retailrecs help`).");
            return 2;
        }
        Dictionary<string, string> map;
        DateOrder dates;
        try
        {
            map = options.ColumnMap();
            dates = options.Get("--dates") switch
            {
                null => DateOrder.Detect,
                "day-first" => DateOrder.DayFirst,
                "month-first" => DateOrder.MonthFirst,
                var other => throw new ArgumentException($"--dates takes day-first (31/12/2011) or month-first (12/31/2011), not '{other}'."),
            };
            if (options.Get("--encoding") is { } encoding && !TextEncodings.Choices.Any(c => string.Equals(c.Name, encoding, StringComparison.OrdinalIgnoreCase)))
            {
                throw new ArgumentException($"--encoding takes {string.Join(", ", TextEncodings.Choices.Select(c => c.Name))}, not '{encoding}'.");
            }
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        if (!options.Flag("--dry-run"))
        {
            await AdviseOnServerAsync(services);
        }
        var importer = services.GetRequiredService<ImportService>();
        var clock = Stopwatch.StartNew();
        var progress = new Progress<ImportProgress>(p =>
            Console.Error.Write($"\r{p.Stage}: {p.Rows:N0} rows ({p.RowsPerSecond:N0} rows/s)      "));
        try
        {
            var result = await importer.ImportAsync(
                new ImportRequest(kind, file, Path.GetFileName(file), $"cli:{Environment.UserName}", options.Flag("--dry-run"), map, dates, options.Get("--encoding")), progress);
            Console.Error.WriteLine();
            ImportReportPrinter.Print(result, Console.Out);
            if (options.Get("--rejections") is { } rejectionsPath)
            {
                await using var writer = new StreamWriter(rejectionsPath);
                RejectedRowsCsv.Write(writer, result.Report.Rejections.Select(r => (r.RowNumber, r.Reason, (string?)RejectedRowsCsv.Join(r.Cells, 4000))));
                Console.Out.WriteLine($"Rejected rows written to {rejectionsPath}.");
            }
            Console.Out.WriteLine($"Elapsed {clock.Elapsed.TotalSeconds:F2} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB.");
            if (result.Written is not null)
            {
                // The web app refreshes the dashboard's rollups in the background; the command has no background.
                GiveBackImportMemory();
                var rollups = Stopwatch.StartNew();
                var months = (await SalesRollup.RefreshAsync(services.GetRequiredService<IDbContextFactory<RetailDbContext>>())).Months;
                Console.Out.WriteLine($"Sales rollups refreshed for {months} month(s) in {rollups.Elapsed.TotalSeconds:F2} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB.");
            }
            return 0;
        }
        catch (ImportException ex)
        {
            Console.Error.WriteLine();
            Console.Error.WriteLine($"Not imported: {ex.Message}{CliHints.For(ex)}");
            return 1;
        }
    }

    /// <summary>
    /// Gives the import's memory back before the rollups take their own (a 64 MiB page cache per month): the pooled
    /// connections' caches and the collector's free space. Otherwise the rollups came on top of what the import had left:
    /// at 100× the Online Retail data the command peaked at 420 and 483 MiB in two runs against 413 and 418 MiB for the
    /// import itself; with this the rollups stay near 345 MiB and the command's peak is the import's (421 MiB).
    /// </summary>
    private static void GiveBackImportMemory()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
    }

    /// <summary>On PostgreSQL, a server left at its memory defaults is said before a long import starts (see PostgresServerSettings).</summary>
    private static async Task AdviseOnServerAsync(IServiceProvider services)
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        if (!db.Database.IsNpgsql())
        {
            return;
        }
        await db.Database.OpenConnectionAsync();
        if ((await PostgresServerSettings.ReadAsync(db.Database.GetDbConnection())).ImportAdvice is { } advice)
        {
            Console.Error.WriteLine(advice);
        }
    }
}
