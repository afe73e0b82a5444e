using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Common.Jobs;

/// <summary>
/// The one job runner (on a real SQLite file, with the app's registrations): a job is queued once, holds its lease
/// while it runs, reports to its kind's status, leaves its outcome in the history, and the app stopping or a Cancel
/// ends it in words.
/// </summary>
public class JobRunnerTests : IAsyncLifetime
{
    private static readonly string OtherMachine = ProcessOwner.Name("till-server-2", 4242);

    private TestDatabase _database = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _stop.Dispose();
        await _database.DisposeAsync();
    }

    private JobRunner Runner => _database.Get<JobRunner>();

    private void StartRunner() => _running = Runner.RunAsync(_stop.Token);

    /// <summary>A job of kind "test" that does what the test says.</summary>
    private sealed class TestJob(string key, Func<JobContext, Task<string>> work, string? lease = null) : Job
    {
        public int Runs;
        public override string Kind => "test";
        public override string Key => key;
        public override string StartedBy => "test";
        public override string? Lease => lease;

        public override Task<string> RunAsync(JobContext context)
        {
            Interlocked.Increment(ref Runs);
            return work(context);
        }

        public override string? Explain(Exception e) => e is InvalidDataException ? e.Message : null;
    }

    private static TestJob Held(string key, TaskCompletionSource gate, TaskCompletionSource? started = null, string? lease = null) =>
        new(key, async context =>
        {
            context.Report("Working", 0.5);
            started?.TrySetResult();
            await gate.Task.WaitAsync(context.Cancellation);
            return $"{key} done.";
        }, lease);

    [Fact]
    public async Task TryEnqueue_SameJobWhileItWaitsOrRuns_QueuesItOnce_AndRunsItOnce()
    {
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var first = Held("same", gate, started);
        var again = Held("same", gate);

        Assert.True(Runner.TryEnqueue(first));
        Assert.False(Runner.TryEnqueue(again)); // waiting
        StartRunner();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(Runner.TryEnqueue(again)); // running
        Assert.Equal((true, 0, "Working", 0.5), (Runner.Current("test").Busy, Runner.Current("test").Waiting, Runner.Current("test").Stage, Runner.Current("test").Fraction));
        gate.SetResult();
        await Runner.WhenIdleAsync("test").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal((1, 0), (first.Runs, again.Runs));
        Assert.True(Runner.TryEnqueue(Held("same", gate))); // finished: it may be asked for again
    }

    [Fact]
    public async Task RunNowAsync_JobWithALease_HoldsItWhileRunning_SoAnotherInstanceCannotTakeIt_AndReleasesIt()
    {
        var other = new JobLeases(_database.Get<IDbContextFactory<RetailDbContext>>(), TimeProvider.System, NullLogger<JobLeases>.Instance) { Holder = OtherMachine };
        (JobLeases.Lease? Lease, JobLease? HeldBy) tried = default;
        var job = new TestJob("leased", async _ =>
        {
            tried = await other.TryAcquireAsync("test-lease");
            return "done.";
        }, lease: "test-lease");

        var record = await Runner.RunNowAsync(job);

        Assert.False(record.Failed);
        Assert.Null(tried.Lease);
        Assert.Equal(ProcessOwner.Current, tried.HeldBy?.Holder);
        await using var db = _database.CreateContext();
        Assert.Equal(0, await db.JobLeases.CountAsync());
    }

    [Fact]
    public async Task RunNowAsync_LeaseHeldByAnotherLiveInstance_IsRefusedInWords_AndNeverRuns()
    {
        await using (var db = _database.CreateContext())
        {
            db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = OtherMachine, BeatAt = DateTime.UtcNow });
            db.JobLeases.Add(new JobLease { Name = "test-lease", Holder = OtherMachine, AcquiredAt = DateTime.UtcNow, ExpiresAt = DateTime.UtcNow.AddMinutes(1) });
            await db.SaveChangesAsync();
        }
        var job = new TestJob("leased", _ => Task.FromResult("done."), lease: "test-lease");

        var record = await Runner.RunNowAsync(job);

        Assert.Equal(0, job.Runs);
        Assert.True(record.Failed);
        Assert.StartsWith("Another instance has been running this job since", record.Outcome);
        Assert.Equal(record.Outcome, Runner.Current("test").LastOutcome);
    }

    [Fact]
    public async Task RunNowAsync_SucceededExpectedFailureAndBug_EachOutcomeRecordedInTheHistoryAndStatus()
    {
        await Runner.RunNowAsync(new TestJob("ok", _ => Task.FromResult("All well.")));
        Assert.Equal(("All well.", false), (Runner.Current("test").LastOutcome, Runner.Current("test").LastFailed));
        await Runner.RunNowAsync(new TestJob("refused", _ => throw new InvalidDataException("The file has no rows.")));
        Assert.Equal(("The file has no rows.", true), (Runner.Current("test").LastOutcome, Runner.Current("test").LastFailed));
        await Runner.RunNowAsync(new TestJob("bug", _ => throw new NullReferenceException()));

        Assert.Equal(
            [("bug", "It failed unexpectedly; what was there before is still in use. See the server log.", true),
             ("refused", "The file has no rows.", true), ("ok", "All well.", false)],
            Runner.History.Select(r => (r.Key, r.Outcome, r.Failed)).ToList());
        Assert.All(Runner.History, r => Assert.True(r.StartedAt <= r.FinishedAt));
        Assert.False(Runner.Current("test").Busy);
    }

    [Fact]
    public async Task RunAsync_AppStopsWhileOneRunsAndOneWaits_RunningOneStopped_WaitingOneNotRun_BothRecorded()
    {
        var started = new TaskCompletionSource();
        var running = Held("running", new TaskCompletionSource(), started);
        var waiting = Held("waiting", new TaskCompletionSource());
        Runner.TryEnqueue(running);
        Runner.TryEnqueue(waiting);
        StartRunner();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(1, Runner.Current("test").Waiting);

        await _stop.CancelAsync();
        await _running.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([("waiting", "Not run: the app stopped before its turn."), ("running", "Stopped before it finished.")],
            Runner.History.Select(r => (r.Key, r.Outcome)).ToList());
        Assert.Equal(0, waiting.Runs);
        Assert.False(Runner.Current("test").Busy);
    }

    [Fact]
    public async Task Cancel_RunningAndWaitingJobs_StopsTheOne_DropsTheOther()
    {
        var started = new TaskCompletionSource();
        Runner.TryEnqueue(Held("running", new TaskCompletionSource(), started));
        var waiting = Held("waiting", new TaskCompletionSource());
        Runner.TryEnqueue(waiting);
        StartRunner();
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.True(Runner.Cancel("test"));
        await Runner.WhenIdleAsync("test").WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, waiting.Runs);
        Assert.Equal(2, Runner.History.Count(r => r is { Failed: true, Outcome: "Stopped before it finished." }));
        Assert.False(Runner.Cancel("test"));
    }

    [Fact]
    public async Task RunAsync_ScheduleHasADueJob_QueuesAndRunsIt_AtStart()
    {
        var due = new TestJob("scheduled", _ => Task.FromResult("Ran on schedule."));
        await using var services = _database.AnotherInstance(s => s.AddSingleton<IJobSchedule>(new OneJob(due)));
        var runner = services.GetRequiredService<JobRunner>();
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, due.Runs);
        Assert.Equal("Ran on schedule.", runner.Current("test").LastOutcome);
        await stop.CancelAsync();
        await running;
    }

    private sealed class OneJob(Job job) : IJobSchedule
    {
        private bool _given;

        public Task<IReadOnlyList<Job>> DueAsync(CancellationToken ct)
        {
            IReadOnlyList<Job> due = _given ? [] : [job];
            _given = true;
            return Task.FromResult(due);
        }
    }

    [Fact]
    public async Task MarkInterruptedAsync_RunsLeftRunningByAProcessThatIsGone_AreMarked_OthersLeftAlone()
    {
        using var exited = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("true") { UseShellExecute = false })!;
        await exited.WaitForExitAsync();
        var crashed = ProcessOwner.Name(Environment.MachineName, exited.Id);
        await using (var db = _database.CreateContext())
        {
            db.SegmentationRuns.Add(new SegmentationRun { Status = ModelRunStatus.Running, StartedBy = "test", Owner = crashed });
            db.EvaluationRuns.Add(new EvaluationRun { Status = ModelRunStatus.Running, StartedBy = "test", Owner = crashed });
            db.EvaluationRuns.Add(new EvaluationRun { Status = ModelRunStatus.Running, StartedBy = "test", Owner = ProcessOwner.Current });
            await db.SaveChangesAsync();
        }

        Assert.Equal(2, await Runner.MarkInterruptedAsync());

        await using var check = _database.CreateContext();
        Assert.Equal(ModelRunStatus.Cancelled, (await check.SegmentationRuns.SingleAsync()).Status);
        Assert.Equal([(crashed, ModelRunStatus.Cancelled), (ProcessOwner.Current, ModelRunStatus.Running)],
            (await check.EvaluationRuns.OrderBy(r => r.Id).Select(r => new { r.Owner, r.Status }).ToListAsync()).Select(r => (r.Owner!, r.Status)));
    }
}
