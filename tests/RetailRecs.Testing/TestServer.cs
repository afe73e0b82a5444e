using Npgsql;
using RetailRecs.Core.Data;

namespace RetailRecs.Testing;

/// <summary>
/// Which database the tests run on. SQLite by default (a fresh clone needs nothing else); CI runs the database-facing
/// tests a second time with RETAILRECS_TEST_PROVIDER=Postgres against the machine's PostgreSQL, each test in a
/// throw-away database of its own.
/// </summary>
public static class TestServer
{
    public static DatabaseProvider Provider { get; } =
        Enum.TryParse<DatabaseProvider>(Environment.GetEnvironmentVariable("RETAILRECS_TEST_PROVIDER"), ignoreCase: true, out var p)
            ? p : DatabaseProvider.Sqlite;

    /// <summary>A role allowed to create databases, on the server's maintenance database.</summary>
    public static string PostgresAdmin { get; } = Environment.GetEnvironmentVariable("RETAILRECS_TEST_POSTGRES")
        ?? "Host=127.0.0.1;Username=retailrecs;Password=retailrecs-ci;Database=postgres";

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static Task<string> CreatePostgresDatabaseAsync() => CreatePostgresDatabaseAsync(template: null);

    /// <summary>Creates a database already migrated to the latest schema and returns its connection string.</summary>
    public static async Task<string> CreateMigratedPostgresDatabaseAsync() =>
        await CreatePostgresDatabaseAsync(await MigratedTemplate.PostgresNameAsync());

    /// <summary>Creates a database, a copy of <paramref name="template"/> or else empty, and returns its connection string.</summary>
    internal static async Task<string> CreatePostgresDatabaseAsync(string? template, string prefix = "rr_test")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(PostgresAdmin))
        {
            await admin.OpenAsync();
            var from = template is null ? "" : $" TEMPLATE \"{template}\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", admin);
            await create.ExecuteNonQueryAsync();
        }
        // A test's commits need not wait for the disk (its database is thrown away): 10% off the PostgreSQL pass.
        return new NpgsqlConnectionStringBuilder(PostgresAdmin) { Database = name, Options = "-c synchronous_commit=off" }.ConnectionString;
    }

    /// <summary>Drops a database made by <see cref="CreatePostgresDatabaseAsync"/>, closing what still uses it.</summary>
    public static async Task DropPostgresDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(PostgresAdmin);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await drop.ExecuteNonQueryAsync();
                return;
            }
            // An autovacuum worker busy in the fresh database has no role, and PostgreSQL 15 refuses to end it for a
            // role that is not a superuser (42501); it finishes in a moment.
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege && attempt < 20)
            {
                await Task.Delay(250);
            }
        }
    }
}
