using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailRecs.Testing;

/// <summary>
/// Commands whose text matches meet a database another program holds: SQLite's "database is locked", which the app
/// names busy on every provider (StorageFaults). While <see cref="On"/>, and at most <see cref="Limit"/> times.
/// Register it as an IInterceptor before the domain layer.
/// </summary>
public sealed class BusyCommands(Func<string, bool> when) : DbCommandInterceptor
{
    private int _matched;
    private int _refused;

    public volatile bool On = true;

    /// <summary>How many matching commands are refused before the database is free again.</summary>
    public int Limit { get; init; } = int.MaxValue;

    public int Refused => _refused;

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Refuse(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    private void Refuse(DbCommand command)
    {
        if (On && when(command.CommandText) && Interlocked.Increment(ref _matched) <= Limit)
        {
            Interlocked.Increment(ref _refused);
            throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
        }
    }
}
