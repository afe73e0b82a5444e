using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Privacy;

namespace RetailRecs.Cli;

/// <summary>`retailrecs restore`: puts a backup in place of the SQLite database, with the app stopped.</summary>
internal static class RestoreCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        if (options.Get("--from") is not { } fromFile)
        {
            Console.Error.WriteLine("restore takes: --from BACKUP-FILE [--database SQLITE-FILE]");
            return 2;
        }
        var database = CliDatabase.Resolve(options.Get("--database"));
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            Console.Error.WriteLine(ServerDatabase.Advice(database.Provider));
            return 2;
        }
        try
        {
            var restore = SqliteBackup.Restore(fromFile, database.SqlitePath);
            var restored = restore.Restored;
            Console.WriteLine($"Restored {Path.GetFullPath(fromFile)} into {restore.Database}: migration {restored.LatestMigration}, " +
                              $"{restored.Orders:N0} orders, {restored.Events:N0} interaction events.");
            Console.WriteLine(restore.SetAside is { } aside
                ? $"The database that was there is kept as {aside} (delete it once the restored one is fine)."
                : "There was no database there before.");
            // Customers erased since the backup was taken must not come back with it (Privacy/ErasuresAfterRestore).
            IReadOnlyList<RetailRecs.Core.Model.ErasedCustomer> erasures = [];
            try
            {
                erasures = restore.SetAside is { } replaced ? ErasuresAfterRestore.ReadKeys(replaced) : [];
                if (erasures.Count > 0)
                {
                    await using var services = await CliDatabase.OpenAsync(database.SqlitePath); // migrated to this version first
                    var outcome = await ErasuresAfterRestore.ReapplyAsync(services.GetRequiredService<IDbContextFactory<RetailDbContext>>(),
                        services.GetRequiredService<CustomerErasureService>(), erasures, new RetailRecs.Core.Common.Audit.StaffActor(null, $"cli:{Environment.UserName}"));
                    Console.WriteLine(outcome.KeysCarried == 0
                        ? "Every customer erased before the restore was erased in the backup too."
                        : $"Erasures made since the backup: {outcome.KeysCarried:N0} carried over, {outcome.CustomersErasedAgain:N0} customer(s) in the backup erased again.");
                }
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or CliDatabaseException or DbUpdateException or StorageUnavailableException)
            {
                // Restored, but customers erased since the backup may be back: say so, and do not start the app yet.
                // Put back, the set-aside file holds the erasure list again, so a second restore re-applies it.
                Console.Error.WriteLine($"The backup is restored, but customers erased since it was taken could not be erased again ({e.Message}), " +
                    $"so they may be back. Do not start the app. To return to where you were, move {restore.SetAside} back to {restore.Database}; " +
                    "then fix the cause and run the same restore again.");
                return 1;
            }
            Console.WriteLine(restored.PendingMigrations > 0 && erasures.Count == 0
                ? $"Start the app: it applies the {restored.PendingMigrations} newer migration(s) this version has at start-up."
                : "Start the app: it serves the restored data.");
            return 0;
        }
        catch (BackupRefusedException e)
        {
            Console.Error.WriteLine($"Nothing restored: {e.Message}");
            return 1;
        }
    }
}
