using RetailRecs.Core.Data;

namespace RetailRecs.Cli;

/// <summary>`retailrecs backup`: a consistent copy of the SQLite database, taken while the app runs.</summary>
internal static class BackupCommand
{
    public static int Run(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        if (options.Get("--out") is not { } outFile)
        {
            Console.Error.WriteLine("backup takes: --out FILE [--database SQLITE-FILE]");
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
            var backup = SqliteBackup.Backup(database.SqlitePath, outFile);
            Console.WriteLine($"Backed up {database.SqlitePath} to {backup.File}: {backup.Bytes / 1024.0 / 1024.0:N1} MB in " +
                              $"{backup.Took.TotalSeconds:N1} s, at migration {backup.Database.LatestMigration}, " +
                              $"{backup.Database.Orders:N0} orders and {backup.Database.Events:N0} interaction events. The copy passed SQLite's check.");
            return 0;
        }
        catch (BackupRefusedException e)
        {
            Console.Error.WriteLine($"No backup taken: {e.Message}");
            return 1;
        }
    }
}
