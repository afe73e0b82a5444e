using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace RetailRecs.Core.Data;

/// <summary>What kept the database from storing something, when it was not the data's fault.</summary>
public enum StorageFault
{
    /// <summary>Another connection held the write lock longer than the busy timeout.</summary>
    Busy,
    /// <summary>The disk (or the database's size limit) is full.</summary>
    Full,
    /// <summary>The database server cannot be reached, or dropped the connection (restarting, shutting down, too many connections).</summary>
    Unreachable,
    /// <summary>
    /// A command ran past its time-out: the server was busy (a lock another connection held, a slow statement) or
    /// stopped answering. The client's exception is the same either way, so the words name both.
    /// </summary>
    TimedOut,
}

/// <summary>
/// The database refused a write for a reason outside the request: busy or full. Nothing of the write was kept and the
/// same write can succeed later, so callers say so in words (the API answers 503 with Retry-After) instead of failing
/// as if the data were wrong. An <see cref="InvalidOperationException"/>, so pages that already show refusals in words
/// show this one too.
/// </summary>
public sealed class StorageUnavailableException(StorageFault fault, string message, Exception? inner = null)
    : InvalidOperationException(message, inner)
{
    public StorageFault Fault { get; } = fault;

    /// <summary>How long a caller should wait before retrying.</summary>
    public TimeSpan RetryAfter => Fault == StorageFault.Full ? TimeSpan.FromSeconds(60) : TimeSpan.FromSeconds(5);
}

/// <summary>
/// Recognises the database's "busy" and "full" errors (SQLite, SQL Server, PostgreSQL), a server (PostgreSQL, SQL Server) out of reach,
/// and a command past its time-out, under EF Core's wrappers.
/// </summary>
public static class StorageFaults
{
    public const string BusyWords =
        "The database is busy: another program held it for writing longer than the app waits. Nothing was stored; try again in a moment.";
    public const string FullWords =
        "The disk is full: the database could not grow. Nothing was stored; free some disk space (or ask IT to), then try again.";
    public const string UnreachableWords =
        "The database server cannot be reached (it may be restarting). Nothing was stored; try again in a moment.";
    public const string TimedOutWords =
        "The database did not answer in time: it may be busy with other work, or out of reach. Nothing was stored; try again in a moment.";

    /// <summary>The fault behind <paramref name="e"/>, or null when it is something else (a bug, bad data).</summary>
    public static StorageFault? Classify(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageUnavailableException s:
                    return s.Fault;
                // SQLITE_BUSY, SQLITE_LOCKED (the primary code; extended codes keep it in the low byte).
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 5 or 6:
                    return StorageFault.Busy;
                // SQLITE_FULL: the disk, or the database's max_page_count.
                case SqliteException sqlite when (sqlite.SqliteErrorCode & 0xFF) is 13:
                    return StorageFault.Full;
                // Lock request time-out; filegroup full; transaction log full.
                case SqlException { Number: 1222 }:
                    return StorageFault.Busy;
                case SqlException { Number: 1105 or 9002 }:
                    return StorageFault.Full;
                // SQL Server's time-out (-2): a command or a connection that did not finish in time.
                case SqlException sql when sql.Number == -2 || sql.InnerException is TimeoutException:
                    return StorageFault.TimedOut;
                // SQL Server out of reach: the socket refused or reset (number 0 over a SocketException on Linux), no
                // server at the address (2, 26, 40, 53, 11001), the connection dropped (64, 233, 10053, 10054, 10060,
                // 10061), or Azure SQL moving or busy (40197, 40501, 40613).
                case SqlException sql when sql.InnerException is System.Net.Sockets.SocketException or IOException
                                          || sql.Number is 2 or 26 or 40 or 53 or 64 or 233 or 10053 or 10054 or 10060 or 10061
                                              or 11001 or 40197 or 40501 or 40613:
                    return StorageFault.Unreachable;
                // PostgreSQL out of space: its disk, or a tablespace's (disk_full, "could not extend file").
                case PostgresException { SqlState: "53100" }:
                    return StorageFault.Full;
                // PostgreSQL's lock_not_available: a lock waited for longer than lock_timeout (where a DBA sets one).
                case PostgresException { SqlState: "55P03" }:
                    return StorageFault.Busy;
                // PostgreSQL: connection exceptions (08), the server shutting down or starting up (57P01-57P03), too many
                // connections (53300). Serialization failures are transient too, but are a conflict, not an outage.
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal)
                                             || pg.SqlState is "57P01" or "57P02" or "57P03" or "53300":
                    return StorageFault.Unreachable;
                // A command past its time-out: Npgsql cancels it and says "Timeout during reading attempt" whether the
                // server was waiting for a lock (it answered the cancellation, the connection still serves) or gone.
                case NpgsqlException { InnerException: TimeoutException }:
                    return StorageFault.TimedOut;
                // The socket refused or reset (the server gone mid-request, or not listening yet).
                case NpgsqlException { InnerException: IOException or System.Net.Sockets.SocketException }:
                    return StorageFault.Unreachable;
            }
        }
        return null;
    }

    /// <summary>The fault as a <see cref="StorageUnavailableException"/> with its words, or null when it is something else.</summary>
    public static StorageUnavailableException? Describe(Exception e) => e switch
    {
        StorageUnavailableException s => s,
        _ => Classify(e) switch
        {
            StorageFault.Busy => new StorageUnavailableException(StorageFault.Busy, BusyWords, e),
            StorageFault.Full => new StorageUnavailableException(StorageFault.Full, FullWords, e),
            StorageFault.Unreachable => new StorageUnavailableException(StorageFault.Unreachable, UnreachableWords, e),
            StorageFault.TimedOut => new StorageUnavailableException(StorageFault.TimedOut, TimedOutWords, e),
            _ => null,
        },
    };
}
