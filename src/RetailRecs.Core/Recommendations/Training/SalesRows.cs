using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// The training's sales query read row by row, by column position: through ADO.NET on any database, or on SQLite
/// straight from the statement. A chain's window is millions of lines, and ADO.NET's per-value checks were most of
/// the reading (10×: 5.2 million lines, the query itself 1.1 s in sqlite3, the reading 7 s through the data reader).
/// </summary>
internal abstract class SalesRows : IAsyncDisposable
{
    public abstract ValueTask<bool> ReadAsync(CancellationToken ct);
    public abstract bool IsNull(int column);
    public abstract int Int32(int column);
    public abstract bool Boolean(int column);
    public abstract DateOnly Date(int column);
    public abstract ValueTask DisposeAsync();

    /// <summary>The rows of <paramref name="command"/> (its connection open).</summary>
    public static async Task<SalesRows> OpenAsync(DbCommand command, bool throughDataReader, CancellationToken ct) =>
        (throughDataReader ? null : (SalesRows?)SqliteStatement.TryPrepare(command)) ?? new Ado(await command.ExecuteReaderAsync(ct));

    /// <summary>True when the rows come straight from a SQLite statement.</summary>
    public bool FromStatement => this is SqliteStatement;

    private sealed class Ado(DbDataReader reader) : SalesRows
    {
        public override ValueTask<bool> ReadAsync(CancellationToken ct) => new(reader.ReadAsync(ct));
        public override bool IsNull(int column) => reader.IsDBNull(column);
        public override int Int32(int column) => reader.GetInt32(column);
        public override bool Boolean(int column) => reader.GetBoolean(column);
        public override DateOnly Date(int column) => reader.GetFieldValue<DateOnly>(column);
        public override ValueTask DisposeAsync() => reader.DisposeAsync();
    }

    /// <summary>
    /// The command prepared and stepped through SQLitePCLRaw, the library Microsoft.Data.Sqlite itself is built on,
    /// on the same open connection. Values are read as SQLite stores what EF Core writes: integers, and dates as
    /// 'yyyy-MM-dd' text (a real number is a Julian day, as Microsoft.Data.Sqlite reads it).
    /// </summary>
    private sealed class SqliteStatement : SalesRows
    {
        private readonly sqlite3 _db;
        private readonly sqlite3_stmt _statement;
        private readonly TimeSpan _timeout;
        private bool _started;

        private SqliteStatement(sqlite3 db, sqlite3_stmt statement, TimeSpan timeout)
        {
            (_db, _statement, _timeout) = (db, statement, timeout);
        }

        /// <summary>The prepared statement, or null when the command is not SQLite's or has a parameter it does not bind.</summary>
        public static SqliteStatement? TryPrepare(DbCommand command)
        {
            if (command.Connection is not SqliteConnection { Handle: { } db })
            {
                return null;
            }
            Check(db, raw.sqlite3_prepare_v2(db, command.CommandText, out var statement));
            var rows = new SqliteStatement(db, statement, TimeSpan.FromSeconds(command.CommandTimeout));
            try
            {
                foreach (DbParameter parameter in command.Parameters)
                {
                    if (!rows.Bind(parameter))
                    {
                        raw.sqlite3_finalize(statement);
                        return null;
                    }
                }
            }
            catch
            {
                raw.sqlite3_finalize(statement); // a failed bind leaves no statement behind on the pooled connection
                throw;
            }
            return rows;
        }

        private bool Bind(DbParameter parameter)
        {
            var name = parameter.ParameterName;
            var index = raw.sqlite3_bind_parameter_index(_statement, name);
            foreach (var prefix in new[] { "@", "$", ":" })
            {
                if (index == 0)
                {
                    index = raw.sqlite3_bind_parameter_index(_statement, prefix + name);
                }
            }
            if (index == 0)
            {
                return false;
            }
            var rc = parameter.Value switch
            {
                null or DBNull => raw.sqlite3_bind_null(_statement, index),
                int or long or short or byte => raw.sqlite3_bind_int64(_statement, index, Convert.ToInt64(parameter.Value, CultureInfo.InvariantCulture)),
                bool b => raw.sqlite3_bind_int64(_statement, index, b ? 1 : 0),
                // As Microsoft.Data.Sqlite binds them, so the comparisons with stored dates are the same.
                DateOnly d => raw.sqlite3_bind_text(_statement, index, d.ToString(@"yyyy\-MM\-dd", CultureInfo.InvariantCulture)),
                string s => raw.sqlite3_bind_text(_statement, index, s),
                _ => -1,
            };
            if (rc == -1)
            {
                return false; // a value this reader does not bind: the data reader reads the query instead
            }
            Check(_db, rc);
            return true;
        }

        public override ValueTask<bool> ReadAsync(CancellationToken ct)
        {
            long busySince = 0;
            while (true)
            {
                var rc = raw.sqlite3_step(_statement);
                switch (rc)
                {
                    case raw.SQLITE_ROW:
                        _started = true;
                        return ValueTask.FromResult(true);
                    case raw.SQLITE_DONE:
                        return ValueTask.FromResult(false);
                    // Another connection holds a lock for a moment: as the data reader does, wait up to the command's
                    // timeout. Only before the first row: starting again later would read rows twice.
                    case raw.SQLITE_BUSY or raw.SQLITE_LOCKED when !_started &&
                        (busySince == 0 || System.Diagnostics.Stopwatch.GetElapsedTime(busySince) < _timeout):
                        ct.ThrowIfCancellationRequested();
                        busySince = busySince == 0 ? System.Diagnostics.Stopwatch.GetTimestamp() : busySince;
                        raw.sqlite3_reset(_statement);
                        Thread.Sleep(50);
                        break;
                    default:
                        Check(_db, rc);
                        return ValueTask.FromResult(false);
                }
            }
        }

        public override bool IsNull(int column) => raw.sqlite3_column_type(_statement, column) == raw.SQLITE_NULL;
        public override int Int32(int column) => raw.sqlite3_column_int(_statement, column);
        public override bool Boolean(int column) => raw.sqlite3_column_int64(_statement, column) != 0;

        public override DateOnly Date(int column) => raw.sqlite3_column_type(_statement, column) switch
        {
            raw.SQLITE_TEXT => DateOnly.Parse(raw.sqlite3_column_text(_statement, column).utf8_to_string(), CultureInfo.InvariantCulture),
            raw.SQLITE_FLOAT => DateOnly.FromDateTime(DateTime.FromOADate(raw.sqlite3_column_double(_statement, column) - 2415018.5)),
            var type => throw new InvalidOperationException($"A sale's date is stored as SQLite type {type}, not as a date."),
        };

        public override ValueTask DisposeAsync()
        {
            raw.sqlite3_finalize(_statement);
            return ValueTask.CompletedTask;
        }

        private static void Check(sqlite3 db, int rc)
        {
            if (rc is not (raw.SQLITE_OK or raw.SQLITE_ROW or raw.SQLITE_DONE))
            {
                throw new SqliteException($"SQLite Error {rc}: '{raw.sqlite3_errmsg(db).utf8_to_string()}'.", rc);
            }
        }
    }
}
