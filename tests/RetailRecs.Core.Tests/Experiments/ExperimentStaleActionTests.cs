using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>
/// Two staff with the same experiment open ("two stale tabs"): both read it running, both press Stop. The second is
/// refused with a message saying who stopped it, and changes nothing.
/// </summary>
public class ExperimentStaleActionTests
{
    private static readonly StaffActor First = new(null, "first.manager");
    private static readonly StaffActor Second = new(null, "second.manager");

    private static async Task<(TestDatabase Database, int Id)> RunningAsync()
    {
        var database = await TestDatabase.CreateAsync();
        var service = database.Get<ExperimentService>();
        var experiment = await service.CreateAsync(new ExperimentDraft("Discovery against replenishment", "Discovery lists sell more.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Replenishment, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), First);
        await service.StartAsync(experiment.Id, First);
        return (database, experiment.Id);
    }

    [Fact]
    public async Task StopAsync_AlreadyStoppedByAnotherTab_IsRefused_AndKeepsTheFirstStop()
    {
        var (database, id) = await RunningAsync();
        await using var _ = database;
        var service = database.Get<ExperimentService>();
        var tabOne = await service.GetAsync(id);
        var tabTwo = await service.GetAsync(id);
        Assert.Equal((ExperimentStatus.Running, ExperimentStatus.Running), (tabOne!.Status, tabTwo!.Status));

        await service.StopAsync(id, First);
        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StopAsync(id, Second));

        Assert.Contains("first.manager already stopped this experiment", refused.Message);
        Assert.Contains("nothing was changed", refused.Message);
        var stored = (await service.GetAsync(id))!;
        Assert.Equal((ExperimentStatus.Stopped, "first.manager", null), (stored.Status, stored.StoppedBy, stored.Winner));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "experiment.stopped"));
    }

    [Fact]
    public async Task StopAsync_WinnerDeclaredTwiceFromTwoTabs_SecondIsRefused_FirstWinnerStays()
    {
        var (database, id) = await RunningAsync();
        await using var _ = database;
        var service = database.Get<ExperimentService>();

        await service.StopAsync(id, First, winner: "A");
        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StopAsync(id, Second, winner: "B"));

        Assert.Contains("declared A the winner", refused.Message);
        Assert.Equal(("A", "first.manager"), ((await service.GetAsync(id))!.Winner, (await service.GetAsync(id))!.StoppedBy));
    }

    [Fact]
    public async Task StopAsync_TwoStaffAtTheSameMoment_ExactlyOneSucceeds()
    {
        var (database, id) = await RunningAsync();
        await using var _ = database;
        var service = database.Get<ExperimentService>();

        var outcomes = await Task.WhenAll(
            Outcome(service.StopAsync(id, First, winner: "A")),
            Outcome(service.StopAsync(id, Second, winner: "B")));

        Assert.Equal(1, outcomes.Count(ok => ok));
        var stored = (await service.GetAsync(id))!;
        Assert.Equal(stored.StoppedBy == "first.manager" ? "A" : "B", stored.Winner);
    }

    [Fact]
    public async Task StartAsync_TwoStaffStartTheSameDraftAtOnce_ExactlyOneSucceeds_AndTheOtherSaysWhoStartedIt()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.Get<ExperimentService>();
        var draft = await service.CreateAsync(Draft("Discovery against replenishment"), First);

        var outcomes = await Task.WhenAll(Outcome(service.StartAsync(draft.Id, First)), Outcome(service.StartAsync(draft.Id, Second)));

        Assert.Equal(1, outcomes.Count(ok => ok));
        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StartAsync(draft.Id, Second));
        Assert.Contains("already started this experiment", refused.Message);
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == "experiment.started"));
    }

    [Fact]
    public async Task StartAsync_TwoDraftsOfOneUnitStartedAtOnce_OnlyOneRuns()
    {
        await using var database = await TestDatabase.CreateAsync();
        var service = database.Get<ExperimentService>();
        var one = await service.CreateAsync(Draft("First test"), First);
        var two = await service.CreateAsync(Draft("Second test"), Second);

        var outcomes = await Task.WhenAll(Outcome(service.StartAsync(one.Id, First)), Outcome(service.StartAsync(two.Id, Second)));

        Assert.Equal(1, outcomes.Count(ok => ok));
        await using var db = database.CreateContext();
        Assert.Equal(1, await db.Experiments.CountAsync(e => e.Status == ExperimentStatus.Running));
    }

    private static ExperimentDraft Draft(string name) => new(name, "Discovery lists sell more.", ExperimentUnit.Customer,
        [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Replenishment, 10, 1)],
        ExperimentMetric.AcceptanceRate, [], 7, 14, null, false);

    private static async Task<bool> Outcome(Task stop)
    {
        try
        {
            await stop;
            return true;
        }
        catch (ExperimentException)
        {
            return false;
        }
    }
}
