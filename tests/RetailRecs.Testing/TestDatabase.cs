using Microsoft.EntityFrameworkCore;
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

    private TestDatabase(SeedOptions seed)
    {
        FilePath = _dir.File("retailrecs.db");
        var services = new ServiceCollection().AddLogging();
        services.AddRetailRecsCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = FilePath }, null, seed, _dir.Path);
        Services = services.BuildServiceProvider(validateScopes: true);
    }

    public static async Task<TestDatabase> CreateAsync(SeedOptions? seed = null)
    {
        var db = new TestDatabase(seed ?? new SeedOptions());
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
