using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Privacy.Retention;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs privacy retention [--dry-run]`: the retention policy applied (or only counted) from the command line,
/// through the same Core code as the daily job, with the same settings (the web app's Privacy:Retention section, or
/// Privacy__Retention__* environment variables: <see cref="CliSettings"/>).
/// </summary>
internal static class RetentionCommand
{
    public static async Task<int> RunAsync(CommandLineOptions options)
    {
        var settings = CliSettings.Load();
        foreach (var name in new[] { "CustomersInactiveMonths", "InteractionsMonths", "AuditEntriesMonths", "CustomerBatchSize", "DeleteBatchSize" })
        {
            try
            {
                settings.Int("Privacy:Retention:" + name);
            }
            catch (FormatException e)
            {
                Console.Error.WriteLine(e.Message + " Nothing was changed.");
                return 2;
            }
        }
        var dryRun = options.Flag("--dry-run");
        var actor = new StaffActor(null, $"cli:{Environment.UserName}");
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var retention = services.GetRequiredService<RetentionService>();
        if (retention.Policy.Problem() is { } problem)
        {
            Console.Error.WriteLine(problem + " Nothing was changed.");
            return 2;
        }
        try
        {
            var report = await retention.RunAsync(dryRun, actor, "command line");
            Console.WriteLine(report);
            if (dryRun)
            {
                Console.WriteLine("Run it without --dry-run to apply it; the anonymisation of customers cannot be undone.");
            }
            return 0;
        }
        catch (RetentionInterruptedException e)
        {
            Console.Error.WriteLine(e.Report);
            return 1;
        }
        catch (RetailRecs.Core.Data.StorageUnavailableException e)
        {
            Console.Error.WriteLine($"Nothing was changed: {e.Message}");
            return 1;
        }
    }
}
