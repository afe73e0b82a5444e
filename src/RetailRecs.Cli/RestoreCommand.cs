using RetailRecs.Core.Data;

namespace RetailRecs.Cli;

/// <summary>`retailrecs restore`: puts a backup in place of the SQLite database, with the app stopped.</summary>
internal static class RestoreCommand
{
    public static int Run(string[] args)
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
            Console.WriteLine(restored.PendingMigrations > 0
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
