using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailRecs.Testing;

/// <summary>
/// Runs <c>then</c> once, right after the first command whose text <c>when</c> accepts has executed (a query's reader
/// still open): to put another writer's work between two statements of the code under test.
/// </summary>
public sealed class AfterCommand(Func<string, bool> when, Func<Task> then) : DbCommandInterceptor
{
    private int _fired;

    public override async ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        if (when(command.CommandText) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await then();
        }
        return result;
    }

    public override async ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        if (when(command.CommandText) && Interlocked.Exchange(ref _fired, 1) == 0)
        {
            await then();
        }
        return result;
    }
}
