using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Staff;

namespace RetailRecs.Testing;

/// <summary>
/// One database migrated to the latest schema per test run, which every test database then copies: migrating is most of
/// a fresh database's cost (about 0.5 s on SQLite and 0.9 s on PostgreSQL for each of hundreds of tests), copying a
/// small file or cloning a template a fraction of it. Tests that need an older schema migrate the copy down.
/// </summary>
internal static class MigratedTemplate
{
    private static readonly TempDirectory Folder = new();

    private static readonly Lazy<Task<string>> SqliteFile = new(CreateSqliteAsync);

    private static readonly Lazy<Task<string>> PostgresDatabase = new(CreatePostgresAsync);

    static MigratedTemplate() => AppDomain.CurrentDomain.ProcessExit += (_, _) => Remove();

    /// <summary>Copies the migrated SQLite template to <paramref name="path"/>.</summary>
    public static async Task CopySqliteToAsync(string path) => File.Copy(await SqliteFile.Value, path);

    /// <summary>The name of the migrated PostgreSQL database to clone (CREATE DATABASE … TEMPLATE).</summary>
    public static Task<string> PostgresNameAsync() => PostgresDatabase.Value;

    private static async Task<string> CreateSqliteAsync()
    {
        var path = Folder.File("template.db");
        await MigrateAsync(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = path }, null);
        // No connection may hold the file while it is copied (a test database is not in WAL mode: one file is the whole of it).
        SqliteConnection.ClearAllPools();
        return path;
    }

    private static async Task<string> CreatePostgresAsync()
    {
        var connectionString = await TestServer.CreatePostgresDatabaseAsync(template: null, prefix: "rr_template");
        await MigrateAsync(new DatabaseOptions { Provider = DatabaseProvider.Postgres }, connectionString);
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database!;
        // PostgreSQL clones a database only while nobody is connected to it: close this run's sessions and refuse new ones.
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestServer.PostgresAdmin);
        await admin.OpenAsync();
        await using var close = new NpgsqlCommand($"ALTER DATABASE \"{name}\" WITH ALLOW_CONNECTIONS false", admin);
        await close.ExecuteNonQueryAsync();
        return name;
    }

    private static async Task MigrateAsync(DatabaseOptions options, string? connectionString)
    {
        var collection = new ServiceCollection().AddLogging();
        collection.AddRetailRecsCore(options, connectionString, new SeedOptions(), Folder.Path);
        await using var services = collection.BuildServiceProvider();
        await using var context = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        await context.Database.MigrateAsync();
    }

    private static void Remove()
    {
        if (PostgresDatabase.IsValueCreated && PostgresDatabase.Value.IsCompletedSuccessfully)
        {
            var name = PostgresDatabase.Value.Result;
            try
            {
                using var admin = new NpgsqlConnection(TestServer.PostgresAdmin);
                admin.Open();
                using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\"", admin);
                drop.ExecuteNonQuery();
            }
            catch (NpgsqlException)
            {
                // The server went first (a test run being torn down): the template is a leftover like a crashed test's database.
            }
        }
        Folder.Dispose();
    }
}
