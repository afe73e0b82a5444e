using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs privacy export|erase` (and `retention`, see RetentionCommand): a customer's rights exercised from the command line, through the same Core code as
/// the customer card. Audited under the operating-system user who ran it ("cli:NAME").
/// </summary>
internal static class PrivacyCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args is ["retention", .. var retention])
        {
            return await RetentionCommand.RunAsync(CommandLineOptions.Parse(retention));
        }
        if (args is not [("export" or "erase") and var action, .. var rest])
        {
            Console.Error.WriteLine("privacy takes: export --customer CODE --out FILE.json | erase --customer CODE | retention [--dry-run] [--database SQLITE-FILE]");
            return 2;
        }
        var options = CommandLineOptions.Parse(rest);
        if (options.Get("--customer") is not { Length: > 0 } code || code == "true")
        {
            Console.Error.WriteLine($"privacy {action} needs --customer CODE.");
            return 2;
        }
        var output = options.Get("--out");
        if (action == "export" && (output is null || output == "true"))
        {
            Console.Error.WriteLine("privacy export needs --out FILE.json.");
            return 2;
        }
        if (output is not null && File.Exists(output))
        {
            Console.Error.WriteLine($"{output} exists already: choose a new file (an export is never written over another).");
            return 2;
        }
        var actor = new StaffActor(null, $"cli:{Environment.UserName}");
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var watch = Stopwatch.StartNew();
        if (action == "export")
        {
            // The file first: the export is audited as it is made, and a folder that does not exist (or cannot be
            // written) recorded an export nobody received.
            FileStream file;
            try
            {
                file = new FileStream(output!, FileMode.CreateNew, FileAccess.Write);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Console.Error.WriteLine($"Cannot write {output}: {e.Message} Nothing exported, nothing changed.");
                return 1;
            }
            string json;
            Core.Privacy.CustomerDataExport? export;
            await using (file)
            {
                // Personal data: readable and writable by its owner only, as backups are (before any byte is written).
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(output!, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                try
                {
                    export = await services.GetRequiredService<CustomerExportService>().ExportAsync(code, actor);
                }
                catch
                {
                    // The database failed (busy, away): no empty file left behind to refuse the next try.
                    await file.DisposeAsync();
                    File.Delete(output!);
                    throw;
                }
                json = export?.ToJson() ?? "";
                await using var writer = new StreamWriter(file);
                await writer.WriteAsync(json);
            }
            if (export is null)
            {
                File.Delete(output!);
                Console.Error.WriteLine($"No customer with code {code}: nothing exported, nothing changed.");
                return 1;
            }
            var elapsed = watch.Elapsed;
            Console.WriteLine(export.Summary);
            Console.WriteLine($"Written to {output} ({json.Length:N0} characters); export {elapsed.TotalMilliseconds:N0} ms.");
            return 0;
        }
        var result = await services.GetRequiredService<CustomerErasureService>().EraseAsync(code, actor);
        if (result is null)
        {
            Console.Error.WriteLine($"No customer with code {code}: nothing erased, nothing changed.");
            return 1;
        }
        Console.WriteLine($"Erased. Reference {result.Reference} (the only record of it kept, in the audit log). " +
            $"{result.OrdersAnonymised:N0} orders kept anonymised for the shop's figures; deleted {result.InteractionsDeleted:N0} interactions, " +
            $"{result.SegmentMembershipsDeleted:N0} segment memberships, {result.ExposuresDeleted:N0} experiment exposures, " +
            $"{result.ConsentRecordsDeleted:N0} consent records, {result.AuditEntriesDeleted:N0} audit entries about them; {result.RejectedRowsCleared:N0} rejected import rows cleared. " +
            $"{watch.Elapsed.TotalMilliseconds:N0} ms.");
        // This process serves nothing; a running app on the same database refuses suggestions for them at once (the
        // customer is gone), and its loaded models forget their history at its next check for erasures elsewhere.
        Console.WriteLine($"A running app stops suggesting for them at once; its loaded models forget their history within {Core.Privacy.ErasuresElsewhere.Interval.TotalSeconds:N0} seconds.");
        return 0;
    }
}
