using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Jobs;
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
    JobLeases leases,
    TimeProvider time,
    ILogger<DatabaseInitialiser> logger)
{
    /// <summary>The lease instances starting together take in turn to seed (see <see cref="InitialiseAsync"/>).</summary>
    public const string SeedingLease = "seeding";

    /// <summary>
    /// A server that cannot be reached, a wrong password or database: refused here with the setting and the server
    /// named (never the password), so the operator sees what to fix instead of a driver's stack trace.
    /// </summary>
    private async Task ConnectAsync(RetailDbContext db, CancellationToken ct)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            return;
        }
        var connectionString = db.Database.GetConnectionString();
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            await db.Database.CloseConnectionAsync();
        }
        catch (Exception e) when (DriverError(e) is { } error)
        {
            // The driver's own words (refused, timed out, wrong password, no such database), also when the retrying
            // strategy wrapped them ("likely due to a transient failure").
            var said = ServerAddress.Scrub(error.InnerException is { } inner && error is not Npgsql.PostgresException
                ? $"{error.Message} ({inner.Message})" : error.Message, database.Provider, connectionString);
            throw new InvalidOperationException(
                $"Cannot connect to the {database.Provider} database named by ConnectionStrings:RetailRecs " +
                $"({ServerAddress.Describe(database.Provider, connectionString)}): {said}", e);
        }
    }

    private static Exception? DriverError(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is System.Data.Common.DbException or ArgumentException)
            {
                return e;
            }
        }
        return null;
    }

    /// <param name="requireAdmin">True outside Development: refuse to start without an admin.</param>
    /// <param name="appBaseDirectory">Where relative demo data paths are resolved.</param>
    public async Task InitialiseAsync(bool requireAdmin, string appBaseDirectory, CancellationToken ct = default)
    {
        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            await ConnectAsync(db, ct);
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

        await using (var db = await contexts.CreateDbContextAsync(ct))
        {
            // Beat once before anything else, so another instance starting now sees this one alive and waits for its lease.
            await JobOwner.BeatAsync(db, time.GetUtcNow().UtcDateTime, ct);
        }
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Jobs still "running" whose process is gone (this app's last run, or a crashed instance) are marked
            // interrupted before anyone sees them; other instances' jobs in progress are left alone.
            await scope.ServiceProvider.GetRequiredService<ProcessHeartbeats>().SweepAsync(ct);
        }

        // Instances started together on a new database (a chain's first roll-out) would each find no admin and create it:
        // the second's insert was refused and that instance crashed at start-up. One at a time, the next finds it made.
        await using var seeding = await leases.WaitAsync(SeedingLease,
            heldBy => logger.LogInformation("Waiting for another instance to finish seeding the database"), ct);
        await using (var scope = scopes.CreateAsyncScope())
        {
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
