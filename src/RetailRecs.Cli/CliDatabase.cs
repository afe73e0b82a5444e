using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Startup;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Staff;

namespace RetailRecs.Cli;

/// <summary>
/// The database the CLI works on: --database FILE (a SQLite file, created and migrated if new), else the configured
/// one (Database:Provider, Database:SqlitePath, ConnectionStrings:RetailRecs in the web app's settings or environment
/// variables, as for the web app: <see cref="CliSettings"/>), else the web app's own default file when run from the repository.
/// </summary>
internal static class CliDatabase
{
    public static async Task<ServiceProvider> OpenAsync(string? databaseFile)
    {
        var settings = CliSettings.Load();
        var options = Resolve(databaseFile, settings);
        var services = new ServiceCollection().AddLogging();
        services.AddRetailRecsCore(options, settings["ConnectionStrings:RetailRecs"], new SeedOptions(), Directory.GetCurrentDirectory());
        // The import limits, as the web app reads them (Import__MaxMegabytes, ...): a chain's year can unpack beyond the upload default.
        services.Configure<RetailRecs.Core.Import.ImportOptions>(import =>
        {
            import.MaxMegabytes = settings.Int("Import:MaxMegabytes") ?? import.MaxMegabytes;
            import.MaxUnpackRatio = settings.Int("Import:MaxUnpackRatio") ?? import.MaxUnpackRatio;
            import.MaxKeptRejections = settings.Int("Import:MaxKeptRejections") ?? import.MaxKeptRejections;
        });
        // The training window and how many older models a training keeps, as the web app reads them
        // (Training__WindowMonths, 0 for every sale; Training__KeepRunsPerAlgorithm): a nightly `train` from cron
        // must not remove models the operator configured the app to keep.
        services.Configure<RetailRecs.Core.Recommendations.Training.TrainingOptions>(training =>
        {
            training.WindowMonths = settings.Int("Training:WindowMonths") ?? training.WindowMonths;
            training.KeepRunsPerAlgorithm = settings.Int("Training:KeepRunsPerAlgorithm") ?? training.KeepRunsPerAlgorithm;
        });
        // The retention policy, as the web app reads it (Privacy__Retention__CustomersInactiveMonths, ...).
        services.Configure<RetailRecs.Core.Privacy.Retention.RetentionOptions>(retention =>
        {
            retention.CustomersInactiveMonths = settings.Int("Privacy:Retention:CustomersInactiveMonths") ?? retention.CustomersInactiveMonths;
            retention.InteractionsMonths = settings.Int("Privacy:Retention:InteractionsMonths") ?? retention.InteractionsMonths;
            retention.AuditEntriesMonths = settings.Int("Privacy:Retention:AuditEntriesMonths") ?? retention.AuditEntriesMonths;
            retention.CustomerBatchSize = settings.Int("Privacy:Retention:CustomerBatchSize") ?? retention.CustomerBatchSize;
            retention.DeleteBatchSize = settings.Int("Privacy:Retention:DeleteBatchSize") ?? retention.DeleteBatchSize;
        });
        var provider2 = services.BuildServiceProvider();
        await using var db = await provider2.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        try
        {
            await db.Database.OpenConnectionAsync();
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (DatabaseError(e) is { } error)
        {
            // The provider's own words name the server and the problem, never the password.
            throw new CliDatabaseException(options.Provider == DatabaseProvider.Sqlite
                ? $"Cannot open the SQLite file {options.SqlitePath}: {error.Message}"
                : $"Cannot connect to the {options.Provider} database named by ConnectionStrings__RetailRecs: {error.Message}");
        }
        if (options.Provider == DatabaseProvider.Sqlite || options.MigrateOnStartup)
        {
            await db.Database.MigrateAsync();
        }
        else if ((await db.Database.GetPendingMigrationsAsync()).ToList() is { Count: > 0 } pending)
        {
            // A server database is migrated by its DBA (database/<provider>/migrate.sql) or by the setting; never half-read.
            throw new CliDatabaseException($"The database is not at this version's schema ({pending.Count} migration(s) not applied, " +
                $"the last {pending[^1]}). Apply database/{(options.Provider == DatabaseProvider.Postgres ? "postgres" : "sqlserver")}/migrate.sql, " +
                "or set Database__MigrateOnStartup=true to let the command apply them.");
        }
        await DatabaseUpkeep.AfterMigrationAsync(db);
        // While this command runs, its jobs (an import, a training) are known to be alive to app instances elsewhere.
        _ = provider2.GetRequiredService<ProcessHeartbeats>().RunAsync(sweep: false, CancellationToken.None);
        Console.Error.WriteLine(options.Provider switch
        {
            DatabaseProvider.Sqlite => $"Database: {options.SqlitePath}",
            DatabaseProvider.Postgres => "Database: PostgreSQL (ConnectionStrings__RetailRecs)",
            _ => "Database: SQL Server (ConnectionStrings__RetailRecs)",
        });
        Console.Error.WriteLine(settings.Folder is { } folder
            ? $"Settings: {Path.Combine(folder, "appsettings*.json")}, then environment variables"
            : "Settings: environment variables (no appsettings.json here)");
        return provider2;
    }

    /// <summary>The database's own error, also when a retrying strategy wrapped it ("likely due to a transient failure").</summary>
    private static System.Data.Common.DbException? DatabaseError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException db)
            {
                return db;
            }
        }
        return null;
    }

    /// <summary>Which database --database FILE or the environment names, without opening it.</summary>
    public static DatabaseOptions Resolve(string? databaseFile, CliSettings? settings = null)
    {
        settings ??= CliSettings.Load();
        var options = new DatabaseOptions();
        if (databaseFile is not null)
        {
            options.SqlitePath = Path.GetFullPath(databaseFile);
        }
        else
        {
            if (Enum.TryParse<DatabaseProvider>(settings["Database:Provider"], true, out var provider))
            {
                options.Provider = provider;
            }
            // From the environment a relative path is the current directory's, as it always was; from the app's
            // settings file it is the app's (its content root: "App_Data/retailrecs.db" beside the app).
            options.SqlitePath = Environment.GetEnvironmentVariable("Database__SqlitePath") is { Length: > 0 } path
                ? Path.GetFullPath(path)
                : settings["Database:SqlitePath"] is { Length: > 0 } setting && settings.Folder is { } folder
                    ? Path.GetFullPath(setting, folder)
                    : DefaultWebDatabase();
        }
        options.MigrateOnStartup = settings.Bool("Database:MigrateOnStartup") ?? options.MigrateOnStartup;
        options.BusyTimeoutSeconds = settings.Int("Database:BusyTimeoutSeconds") ?? options.BusyTimeoutSeconds;
        return options;
    }

    /// <summary>src/RetailRecs.Web/App_Data/retailrecs.db under the repository the command runs in, as `dotnet run` of the web app uses.</summary>
    private static string DefaultWebDatabase()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RetailRecs.Web.sln")))
            {
                return Path.Combine(dir.FullName, "src", "RetailRecs.Web", "App_Data", "retailrecs.db");
            }
        }
        return Path.GetFullPath(Path.Combine("App_Data", "retailrecs.db"));
    }
}

/// <summary>The configured database cannot be used as it is; the message says what to do.</summary>
internal sealed class CliDatabaseException(string message) : Exception(message);
