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
        // The first two writes of the run's outcome meet a busy database.
        var busy = new BusyCommands(sql => sql.Contains("UPDATE \"ModelRuns\"", StringComparison.Ordinal) && sql.Contains("\"Error\"", StringComparison.Ordinal)) { Limit = 2 };
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
}
