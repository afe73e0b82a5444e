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
        if (args is ["carry-erasures", .. var carry])
        {
            return await CarryErasuresAsync(CommandLineOptions.Parse(carry));
        }
        if (args is not [("export" or "erase") and var action, .. var rest])
        {
            Console.Error.WriteLine("privacy takes: export --customer CODE --out FILE.json | erase --customer CODE | retention [--dry-run] [--database SQLITE-FILE] " +
                "| carry-erasures --from REPLACED-DATABASE");
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

    /// <summary>
    /// After a server database is restored from a backup (into a new database; the one it replaces kept beside it),
    /// the customers erased since the backup was taken would be back: the replaced database's erasure list is carried
    /// into the configured (restored) one and they are erased again. `--from` names the replaced database as the
    /// configured provider reaches it: a connection string (PostgreSQL, SQL Server), or a file (SQLite; `restore` does
    /// this by itself). Running it twice changes nothing the second time.
    /// </summary>
    private static async Task<int> CarryErasuresAsync(CommandLineOptions options)
    {
        if (options.Get("--from") is not { Length: > 0 } from || from == "true")
        {
            Console.Error.WriteLine("privacy carry-erasures needs --from: the database the restore replaced (a connection string, or a SQLite file).");
            return 2;
        }
        var provider = CliDatabase.Resolve(options.Get("--database")).Provider;
        if (provider == Core.Data.DatabaseProvider.Sqlite && !File.Exists(from))
        {
            Console.Error.WriteLine($"{from} does not exist: name the SQLite file the restore replaced. Nothing changed.");
            return 1;
        }
        IReadOnlyList<Core.Model.ErasedCustomer> keys;
        try
        {
            keys = await ErasuresAfterRestore.ReadKeysAsync(provider, from);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or ArgumentException or InvalidOperationException)
        {
            // The provider's words name the server and the problem, never the password.
            Console.Error.WriteLine($"Cannot read the erasure list of the replaced database: {e.Message.TrimEnd('.')}. Nothing changed.");
            return 1;
        }
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        var outcome = await ErasuresAfterRestore.ReapplyAsync(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<Core.Data.RetailDbContext>>(),
            services.GetRequiredService<CustomerErasureService>(), keys, new StaffActor(null, $"cli:{Environment.UserName}"));
        Console.WriteLine(outcome.KeysCarried == 0
            ? $"The replaced database lists {keys.Count:N0} erasure(s), all already in this one: nothing to erase again."
            : $"Erasures made since the backup: {outcome.KeysCarried:N0} carried over, {outcome.CustomersErasedAgain:N0} customer(s) in the restored database erased again.");
        return 0;
    }
}
