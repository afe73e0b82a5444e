using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailRecs.Testing;

/// <summary>
/// Asks SQLite for the plan of every query that reads one of the given tables, just before the query runs, with the same
/// parameters: tests assert a lookup seeks indexes rather than reading a whole table. Register it as an
/// <see cref="IInterceptor"/> on a SQLite <see cref="TestDatabase"/> (sqliteOnly: the plans are SQLite's words).
/// </summary>
public sealed class SqliteQueryPlans(params string[] tables) : DbCommandInterceptor
{
    /// <summary>Each recorded query with its plan's steps ("SEARCH o USING INDEX …", "SCAN c", …).</summary>
    public List<(string Sql, List<string> Steps)> Plans { get; } = [];

    public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (tables.Any(table => command.CommandText.Contains($"FROM \"{table}\"", StringComparison.Ordinal)))
        {
            await using var explain = command.Connection!.CreateCommand();
            explain.Transaction = command.Transaction;
            explain.CommandText = "EXPLAIN QUERY PLAN " + command.CommandText;
            foreach (DbParameter p in command.Parameters)
            {
                var copy = explain.CreateParameter();
                (copy.ParameterName, copy.Value, copy.DbType) = (p.ParameterName, p.Value, p.DbType);
                explain.Parameters.Add(copy);
            }
            var steps = new List<string>();
            await using (var reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    steps.Add(reader.GetString(3));
                }
            }
            Plans.Add((command.CommandText, steps));
        }
        return result;
    }
}
