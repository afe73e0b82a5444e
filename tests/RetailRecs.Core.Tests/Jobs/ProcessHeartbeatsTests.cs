using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Jobs;

/// <summary>
/// Several app instances share one database: a job still "running" is another instance's work in progress until its
/// process is known to be gone. The sweep (at every start and every two minutes) marks only abandoned jobs.
/// </summary>
public class ProcessHeartbeatsTests : IAsyncLifetime
{
    private const string OtherMachine = "till-server-2";
    private TestDatabase _database = null!;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private async Task RunningJobsOwnedByAsync(string? owner)
    {
        await using var db = _database.CreateContext();
        db.ImportBatches.Add(new ImportBatch { Kind = ImportKind.Transactions, FileName = "sales.csv", Sha256 = Guid.NewGuid().ToString("N"), Status = ImportStatus.Running, Owner = owner });
        db.ModelRuns.Add(new ModelRun { Algorithm = "hybrid", Status = ModelRunStatus.Running, Owner = owner });
        db.SegmentationRuns.Add(new SegmentationRun { Status = ModelRunStatus.Running, Owner = owner });
        db.EvaluationRuns.Add(new EvaluationRun { Status = ModelRunStatus.Running, Owner = owner });
        await db.SaveChangesAsync();
    }

    private async Task BeatAsOtherMachineAsync(DateTime at)
    {
        await using var db = _database.CreateContext();
        db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = ProcessOwner.Name(OtherMachine, 4242), BeatAt = at });
        await db.SaveChangesAsync();
    }

    /// <summary>How many of the four jobs are still running after a sweep.</summary>
    private async Task<int> StillRunningAfterSweepAsync()
    {
        await _database.Get<ProcessHeartbeats>().SweepAsync();
        await using var db = _database.CreateContext();
        return await db.ImportBatches.CountAsync(b => b.Status == ImportStatus.Running)
               + await db.ModelRuns.CountAsync(r => r.Status == ModelRunStatus.Running)
               + await db.SegmentationRuns.CountAsync(r => r.Status == ModelRunStatus.Running)
               + await db.EvaluationRuns.CountAsync(r => r.Status == ModelRunStatus.Running);
    }

    [Fact]
    public async Task SweepAsync_AnotherInstanceStillBeating_ItsJobsKeepRunning()
    {
        await BeatAsOtherMachineAsync(DateTime.UtcNow.AddSeconds(-20));
        await RunningJobsOwnedByAsync(ProcessOwner.Name(OtherMachine, 4242));
        Assert.Equal(4, await StillRunningAfterSweepAsync());
    }

    [Fact]
    public async Task SweepAsync_AnotherInstanceSilentPastTheExpiry_ItsJobsMarkedInterrupted()
    {
        await BeatAsOtherMachineAsync(DateTime.UtcNow - JobOwner.Expiry - TimeSpan.FromSeconds(5));
        await RunningJobsOwnedByAsync(ProcessOwner.Name(OtherMachine, 4242));
        Assert.Equal(0, await StillRunningAfterSweepAsync());
        await using var db = _database.CreateContext();
        Assert.StartsWith("Interrupted:", (await db.ImportBatches.SingleAsync()).Message);
        Assert.Equal(ModelRunStatus.Failed, (await db.ModelRuns.SingleAsync()).Status);
        Assert.Equal(ModelRunStatus.Cancelled, (await db.EvaluationRuns.SingleAsync()).Status);
    }

    [Fact]
    public async Task SweepAsync_AProcessOnThisMachineThatHasExited_ItsJobsMarkedAtOnceWithoutWaitingForTheExpiry()
    {
        using var exited = Process.Start(new ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        await RunningJobsOwnedByAsync(ProcessOwner.Name(Environment.MachineName, exited.Id));
        Assert.Equal(0, await StillRunningAfterSweepAsync());
    }

    [Fact]
    public async Task SweepAsync_EarlierRunOfARestartedContainer_SameMachineAndProcessIdButSilent_ItsJobsMarked()
    {
        // A container restarts as process 1 on the same host name: its own earlier run looks like itself but for the start mark.
        var earlierRun = ProcessOwner.Name(Environment.MachineName, Environment.ProcessId, "0ldrun00");
        await BeatAsync(earlierRun, DateTime.UtcNow - JobOwner.Expiry - TimeSpan.FromSeconds(5));
        await RunningJobsOwnedByAsync(earlierRun);

        Assert.Equal(0, await StillRunningAfterSweepAsync());
    }

    [Fact]
    public async Task SweepAsync_TwinContainerWithTheSameHostNameAndProcessId_StillBeating_ItsJobsKeepRunning()
    {
        var twin = ProcessOwner.Name(Environment.MachineName, Environment.ProcessId, "7w1n0000");
        await BeatAsync(twin, DateTime.UtcNow.AddSeconds(-20));
        await RunningJobsOwnedByAsync(twin);

        Assert.Equal(4, await StillRunningAfterSweepAsync());
    }

    private async Task BeatAsync(string owner, DateTime at)
    {
        await using var db = _database.CreateContext();
        db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = owner, BeatAt = at });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task SweepAsync_JobsOfThisProcessOrALiveOneOnThisMachine_KeepRunning()
    {
        await RunningJobsOwnedByAsync(ProcessOwner.Current);
        using var alive = Process.Start(new ProcessStartInfo("sleep", "30") { UseShellExecute = false })!;
        try
        {
            await RunningJobsOwnedByAsync(ProcessOwner.Name(Environment.MachineName, alive.Id));
            Assert.Equal(8, await StillRunningAfterSweepAsync());
        }
        finally
        {
            alive.Kill();
        }
    }

    [Fact]
    public async Task SweepAsync_JobsRecordedBeforeOwnersWere_MarkedInterrupted()
    {
        await RunningJobsOwnedByAsync(null);
        Assert.Equal(0, await StillRunningAfterSweepAsync());
    }

    [Fact]
    public async Task RunAsync_WhileTheProcessLives_ItsBeatIsFresh()
    {
        using var stop = new CancellationTokenSource();
        var beating = _database.Get<ProcessHeartbeats>().RunAsync(sweep: false, stop.Token);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        ProcessHeartbeat? beat = null;
        while (beat is null && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            await using var db = _database.CreateContext();
            beat = await db.ProcessHeartbeats.SingleOrDefaultAsync(h => h.Owner == ProcessOwner.Current);
        }
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => beating);
        Assert.NotNull(beat);
        Assert.InRange(beat.BeatAt, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddSeconds(1));
    }
}
