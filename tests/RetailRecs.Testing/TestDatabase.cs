using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Staff;

namespace RetailRecs.Testing;

/// <summary>
/// A real database — a SQLite file, or a PostgreSQL database on a PostgreSQL run (<see cref="TestServer"/>) — migrated, with the domain layer's services registered exactly as the app does.
/// One per test (or per class fixture); deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    public ServiceProvider Services { get; }
    public string FilePath { get; }

    /// <summary>The server database's connection string when the tests run on PostgreSQL; null on SQLite.</summary>
    public string? ConnectionString { get; }

    public DatabaseProvider Provider { get; }

    private readonly SeedOptions _seed;
    private readonly DatabaseOptions _options;

    private TestDatabase(SeedOptions seed, Action<DatabaseOptions>? database, Action<IServiceCollection>? configure, string? connectionString)
    {
        FilePath = _dir.File("retailrecs.db");
        ConnectionString = connectionString;
        _seed = seed;
        _options = new DatabaseOptions
        {
            Provider = connectionString is null ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres, SqlitePath = FilePath,
        };
        database?.Invoke(_options);
        Provider = _options.Provider;
        Services = BuildServices(configure);
    }

    private ServiceProvider BuildServices(Action<IServiceCollection>? configure)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddSingleton<IInterceptor>(SqlServerQueryCheck.Instance);
        configure?.Invoke(services);
        services.AddRetailRecsCore(_options, ConnectionString, _seed, _dir.Path);
        return services.BuildServiceProvider(validateScopes: true);
    }

    /// <summary>
    /// Registers the domain layer over this database in another container (a bUnit test's), as the app does, on
    /// whichever provider this run uses.
    /// </summary>
    public void AddDomainLayerTo(IServiceCollection services, SeedOptions? seed = null) =>
        services.AddRetailRecsCore(_options, ConnectionString, seed ?? _seed, _dir.Path);

    /// <summary>
    /// The domain layer of a second app instance on this same database, as behind a load balancer: its own models in
    /// memory, caches and counters. The caller disposes it (before this database).
    /// </summary>
    /// <param name="configure">Extra services of that instance only.</param>
    public ServiceProvider AnotherInstance(Action<IServiceCollection>? configure = null) => BuildServices(configure);

    /// <param name="database">Changes to the database settings (e.g. a short busy timeout).</param>
    /// <param name="configure">Extra services, registered before the domain layer's (e.g. a connection interceptor).</param>
    /// <param name="sqliteOnly">The test is about the SQLite file itself (faults, backup): SQLite even on a PostgreSQL run.</param>
    public static async Task<TestDatabase> CreateAsync(SeedOptions? seed = null, Action<DatabaseOptions>? database = null,
        Action<IServiceCollection>? configure = null, bool sqliteOnly = false)
    {
        var connectionString = TestServer.Provider == DatabaseProvider.Postgres && !sqliteOnly
            ? await TestServer.CreateMigratedPostgresDatabaseAsync()
            : null;
        var db = new TestDatabase(seed ?? new SeedOptions(), database, configure, connectionString);
        if (db.Provider == DatabaseProvider.Sqlite && !File.Exists(db._options.SqlitePath))
        {
            await MigratedTemplate.CopySqliteToAsync(db._options.SqlitePath);
        }
        // A no-op on the migrated copy, as at the app's start; it migrates what a test's settings made differently.
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public RetailDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (ConnectionString is not null)
        {
            await TestServer.DropPostgresDatabaseAsync(ConnectionString);
        }
        _dir.Dispose();
    }
}
