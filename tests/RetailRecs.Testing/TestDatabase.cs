using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Staff;

namespace RetailRecs.Testing;

/// <summary>
/// A real SQLite database file, migrated, with the domain layer's services registered exactly as the app does.
/// One per test (or per class fixture); deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly TempDirectory _dir = new();

    public ServiceProvider Services { get; }
    public string FilePath { get; }

    private TestDatabase(SeedOptions seed, Action<DatabaseOptions>? database, Action<IServiceCollection>? configure)
    {
        FilePath = _dir.File("retailrecs.db");
        var services = new ServiceCollection().AddLogging();
        var options = new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = FilePath };
        database?.Invoke(options);
        services.AddSingleton<IInterceptor>(SqlServerQueryCheck.Instance);
        configure?.Invoke(services);
        services.AddRetailRecsCore(options, null, seed, _dir.Path);
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    /// <param name="database">Changes to the database settings (e.g. a short busy timeout).</param>
    /// <param name="configure">Extra services, registered before the domain layer's (e.g. a connection interceptor).</param>
    public static async Task<TestDatabase> CreateAsync(SeedOptions? seed = null, Action<DatabaseOptions>? database = null,
        Action<IServiceCollection>? configure = null)
    {
        var db = new TestDatabase(seed ?? new SeedOptions(), database, configure);
        await using var context = db.CreateContext();
        await context.Database.MigrateAsync();
        return db;
    }

    public RetailDbContext CreateContext() => Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContext();

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        _dir.Dispose();
    }
}
