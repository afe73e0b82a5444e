using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Staff;

namespace RetailRecs.Core.Startup;

/// <summary>
/// Brings the database up to date at start-up: migrations, roles and first admin, demo data. A feature of its own, not
/// part of Data: seeding uses the features (staff accounts, the demo import), and Data knows no feature.
/// </summary>
public sealed class DatabaseInitialiser(
    IServiceScopeFactory scopes,
    IDbContextFactory<RetailDbContext> contexts,
    DatabaseOptions database,
    SeedOptions seed,
    DemoDataSeeder demoData,
    ILogger<DatabaseInitialiser> logger)
{
    /// <param name="requireAdmin">True outside Development: refuse to start without an admin.</param>
    /// <param name="appBaseDirectory">Where relative demo data paths are resolved.</param>
    public async Task InitialiseAsync(bool requireAdmin, string appBaseDirectory, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            if (database.Provider == DatabaseProvider.Sqlite || database.MigrateOnStartup)
            {
                await db.Database.MigrateAsync(ct);
            }
            if (database.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging: pages keep reading while a long import writes (the setting stays with the file).
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
            else
            {
                var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                if (pending.Count > 0)
                {
                    throw new InvalidOperationException(
                        $"The {database.Provider} database is missing {pending.Count} migration(s) ({string.Join(", ", pending)}). " +
                        $"Apply {(database.Provider == DatabaseProvider.Postgres ? "database/postgres/migrate.sql" : "database/sqlserver/migrate.sql")}, " +
                        "or set Database:MigrateOnStartup to true.");
                }
            }
            await DatabaseUpkeep.AfterMigrationAsync(db, ct);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            // Jobs still "running" whose process is gone (this app's last run, or a crashed instance) are marked
            // interrupted before anyone sees them; other instances' jobs in progress are left alone.
            await scope.ServiceProvider.GetRequiredService<ProcessHeartbeats>().SweepAsync(ct);
            await scope.ServiceProvider.GetRequiredService<StaffSeeder>().SeedAsync(seed, requireAdmin);
        }

        if (seed.DemoData)
        {
            var path = Path.IsPathRooted(seed.DemoDataPath) ? seed.DemoDataPath : Path.Combine(appBaseDirectory, seed.DemoDataPath);
            var outcome = await demoData.SeedAsync(path, ct);
            if (!outcome.Seeded)
            {
                logger.LogDebug("{Message}", outcome.Message);
            }
        }
    }
}
