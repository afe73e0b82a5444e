using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Common.Jobs;

/// <summary>
/// A job that fails while the database is away cannot record that it failed either: its run stayed "running" until
/// the app restarted (its owner, this process, lives on, so nothing swept it). The outcome is written once the
/// database takes it.
/// </summary>
public class UnfinishedOutcomeTests
{
    [Fact]
    public async Task TrainAsync_OutcomeRefusedTwiceByABusyDatabase_IsRecordedWhenItTakesIt()
    {
        UnfinishedOutcome.RetryEvery = TimeSpan.FromMilliseconds(50);
        var busy = new BusyForOutcomes(refusals: 2);
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(busy));

        // An empty shop: the training fails ("not enough sales") and records why.
        var runs = await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test"));

        var run = Assert.Single(runs);
        Assert.Equal(ModelRunStatus.Failed, run.Status); // the caller learns at once
        Assert.True(busy.Refused >= 1);
        await Eventually.AssertAsync(async () =>
        {
            await using var db = database.CreateContext();
            var stored = await db.ModelRuns.SingleAsync(r => r.Id == run.Id);
            Assert.Equal((ModelRunStatus.Failed, true), (stored.Status, stored.Error!.StartsWith("Not enough sales", StringComparison.Ordinal)));
        });
        Assert.Equal(2, busy.Refused);
    }

    /// <summary>Refuses the first writes of a run's outcome as SQLite does when another program holds the database.</summary>
    private sealed class BusyForOutcomes(int refusals) : DbCommandInterceptor
    {
        private int _attempts;
        private int _refused;
        public int Refused => _refused;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("UPDATE \"ModelRuns\"", StringComparison.Ordinal) && command.CommandText.Contains("\"Error\"", StringComparison.Ordinal)
                && Interlocked.Increment(ref _attempts) <= refusals)
            {
                Interlocked.Increment(ref _refused);
                throw new SqliteException("SQLite Error 5: 'database is locked'.", 5);
            }
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
