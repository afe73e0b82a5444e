using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailRecs.Testing;

/// <summary>
/// A "full disk" for one SQLite file: while <see cref="Limit"/> is set, every connection the app opens gets
/// PRAGMA max_page_count, so writes that need more pages fail with SQLITE_FULL part-way, exactly as on a full disk.
/// Register it as an IInterceptor before the domain layer.
/// </summary>
public sealed class SqliteDiskLimit : DbConnectionInterceptor
{
    private const long SqliteDefaultMaxPages = 4294967294;

    /// <summary>Pages the database may have at most; null for no limit.</summary>
    public long? Limit { get; set; }

    /// <summary>
    /// Leaves room for <paramref name="pages"/> more pages (4 KiB each): the file is compacted first, since free pages
    /// inside it take writes whatever the disk has left.
    /// </summary>
    public void FillUpAfter(string databasePath, int pages)
    {
        Limit = null;
        using (var connection = Open(databasePath))
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "VACUUM";
            command.ExecuteNonQuery();
        }
        Limit = PageCount(databasePath) + pages;
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken ct = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        // A pooled connection keeps the pragma: lifted explicitly when the space is "back".
        command.CommandText = $"PRAGMA max_page_count = {Limit ?? SqliteDefaultMaxPages}";
        command.ExecuteNonQuery();
    }

    public static long PageCount(string databasePath)
    {
        using var connection = Open(databasePath);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA page_count";
        return (long)command.ExecuteScalar()!;
    }

    private static SqliteConnection Open(string databasePath)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

/// <summary>
/// Another program writing to the database: a second connection that has taken the write lock (BEGIN IMMEDIATE) and
/// holds it until disposed, so the app's writes wait out their busy timeout and fail with SQLITE_BUSY.
/// </summary>
public sealed class SqliteWriteLock : IDisposable
{
    private readonly SqliteConnection _connection;

    public SqliteWriteLock(string databasePath)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databasePath, Pooling = false }.ToString());
        _connection.Open();
        using var command = _connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        using (var command = _connection.CreateCommand())
        {
            command.CommandText = "ROLLBACK";
            command.ExecuteNonQuery();
        }
        _connection.Dispose();
    }
}
