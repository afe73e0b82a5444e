using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// Runs every background job of the app: queues it (once: a second ask for the same job is refused while it waits or
/// runs), takes its lease, reports its progress to open pages (one <see cref="JobStatus"/> per kind), records its
/// outcome in the history, and asks the schedules for due jobs every minute. The page that asked may close: the job
/// goes on, and the next page opened shows its progress or outcome. The web host runs <see cref="RunAsync"/> (one
/// hosted service reading the queues); the command line runs a job in place with <see cref="RunNowAsync"/>.
/// </summary>
public sealed class JobRunner(JobLeases leases, IEnumerable<IJobSchedule> schedules, IEnumerable<IJobHistory> histories, TimeProvider time,
    ILogger<JobRunner> logger)
{
    /// <summary>How often the schedules are asked for due jobs.</summary>
    public static readonly TimeSpan ScheduleEvery = TimeSpan.FromMinutes(1);

    /// <summary>Finished jobs kept in <see cref="History"/> (the stored runs of each kind keep the rest).</summary>
    public const int HistoryKept = 50;

    /// <summary>The stage of a job that is about to start (the pages read the runs again when they see it).</summary>
    public const string StartingStage = "Starting";

    /// <summary>The stage of a job queued behind another in its lane.</summary>
    public const string WaitingStage = "Waiting for the job before it to finish";

    /// <summary>The outcome of a job still waiting when the app stopped.</summary>
    public const string NotRunOutcome = "Not run: the app stopped before its turn.";

    private readonly Lock _gate = new();
    private readonly Dictionary<JobLane, Channel<Entry>> _lanes =
        Enum.GetValues<JobLane>().ToDictionary(l => l, _ => Channel.CreateUnbounded<Entry>(new UnboundedChannelOptions { SingleReader = true }));
    private readonly List<Entry> _pending = [];
    private readonly Dictionary<string, JobStatus> _status = [];
    private readonly Dictionary<string, Action<JobStatus>?> _listeners = [];
    private readonly LinkedList<JobRecord> _history = [];
    private readonly TaskCompletionSource _firstSchedule = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _started;

    public JobStatus Current(string kind)
    {
        lock (_gate)
        {
            return _status.GetValueOrDefault(kind, JobStatus.Idle);
        }
    }

    /// <summary>The latest finished jobs, newest first.</summary>
    public IReadOnlyList<JobRecord> History
    {
        get
        {
            lock (_gate)
            {
                return [.. _history];
            }
        }
    }

    /// <summary>The jobs waiting or running on this instance, in the order they were asked for.</summary>
    public IReadOnlyList<ActiveJob> Active
    {
        get
        {
            lock (_gate)
            {
                return _pending.Select(e => new ActiveJob(e.Job.Kind, e.Job.StartedBy, e.Job.Lane, e.AskedAt, e.StartedAt, e.Stage, e.Fraction)).ToList();
            }
        }
    }

    /// <summary>Raised (on a background thread) with the kind whenever any kind's status changes: the Background work page follows every kind.</summary>
    public event Action<string>? Changed;

    /// <summary>Hears (on a background thread) every change of the kind's status.</summary>
    public void Subscribe(string kind, Action<JobStatus> listener)
    {
        lock (_gate)
        {
            _listeners[kind] = _listeners.GetValueOrDefault(kind) + listener;
        }
    }

    public void Unsubscribe(string kind, Action<JobStatus> listener)
    {
        lock (_gate)
        {
            _listeners[kind] = _listeners.GetValueOrDefault(kind) - listener;
        }
    }

    /// <summary>Queues the job; false (nothing queued) when the same job (<see cref="Job.Key"/>) is already waiting or running.</summary>
    public bool TryEnqueue(Job job)
    {
        if (Add(job) is not { } entry)
        {
            return false;
        }
        _lanes[job.Lane].Writer.TryWrite(entry);
        Publish(job.Kind);
        return true;
    }

    /// <summary>
    /// Runs the job here and now (the command line), with the same lease, status and history as a queued one; the
    /// record says how it ended. Refused (failed, nothing run) when this process already waits for or runs the same job.
    /// </summary>
    public async Task<JobRecord> RunNowAsync(Job job, CancellationToken ct = default)
    {
        if (Add(job) is not { } entry)
        {
            var now = Now;
            return new JobRecord(job.Kind, job.Key, job.StartedBy, now, null, now, "That job is already waiting or running: it was not started twice.", true);
        }
        Publish(job.Kind);
        await ExecuteAsync(entry, ct);
        return await entry.Done.Task;
    }

    /// <summary>Stops the kind's running job and drops its waiting ones (the user pressed Cancel); false when there was none.</summary>
    public bool Cancel(string kind)
    {
        List<Entry> entries;
        lock (_gate)
        {
            entries = _pending.Where(e => e.Job.Kind == kind).ToList();
        }
        // Read outside the lock: Finish takes it. The waiting ones go first: cancelling the running one can run its
        // ending inline, and the lane would then start the next waiting job before this loop reached it.
        foreach (var entry in entries.OrderBy(e => e.StartedAt is null ? 0 : 1))
        {
            entry.Cancel.Cancel();
            if (entry.StartedAt is null)
            {
                Finish(entry, entry.Job.CancelledOutcome, failed: true); // never started: nothing to stop
            }
        }
        return entries.Count > 0;
    }

    /// <summary>
    /// Completes when every job of <paramref name="kind"/> (of every kind when null) waiting or running now has
    /// finished; in a running host, after the schedules' first look (the start-up jobs are queued by then).
    /// </summary>
    public async Task WhenIdleAsync(string? kind = null)
    {
        if (Volatile.Read(ref _started) == 1)
        {
            await _firstSchedule.Task;
        }
        List<Task<JobRecord>> done;
        lock (_gate)
        {
            done = _pending.Where(e => kind is null || e.Job.Kind == kind).Select(e => e.Done.Task).ToList();
        }
        await Task.WhenAll(done);
    }

    /// <summary>
    /// Runs the queued jobs, one at a time in each lane, and the schedules, until <paramref name="stopping"/>. Jobs
    /// still waiting when the app stops are recorded as not run.
    /// </summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            throw new InvalidOperationException("The job runner is already running.");
        }
        var lanes = _lanes.Values.Select(lane => Task.Run(() => ReadAsync(lane.Reader, stopping), CancellationToken.None)).ToList();
        try
        {
            await ScheduleAsync(stopping);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // stopping
        }
        finally
        {
            _firstSchedule.TrySetResult();
            await Task.WhenAll(lanes);
        }
    }

    /// <summary>Marks every kind of stored run left running by a process that is gone as interrupted; returns how many.</summary>
    public async Task<int> MarkInterruptedAsync(CancellationToken ct = default)
    {
        var marked = 0;
        foreach (var history in histories)
        {
            marked += await history.MarkInterruptedAsync(ct);
        }
        if (marked > 0)
        {
            logger.LogWarning("Marked {Runs} run(s) interrupted: the process running them has stopped", marked);
        }
        return marked;
    }

    private async Task ScheduleAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(ScheduleEvery, time);
        do
        {
            foreach (var schedule in schedules)
            {
                try
                {
                    foreach (var job in await schedule.DueAsync(stopping))
                    {
                        if (!TryEnqueue(job))
                        {
                            logger.LogInformation("Scheduled {Kind} job not queued: the same job is already waiting or running", job.Kind);
                        }
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // A busy or unreachable database: the schedule is asked again in a minute.
                    logger.LogWarning(e, "Schedule {Schedule} not read this time", schedule.GetType().Name);
                }
            }
            _firstSchedule.TrySetResult();
        }
        while (await timer.WaitForNextTickAsync(stopping));
    }

    private async Task ReadAsync(ChannelReader<Entry> queue, CancellationToken stopping)
    {
        try
        {
            await foreach (var entry in queue.ReadAllAsync(stopping))
            {
                if (stopping.IsCancellationRequested)
                {
                    Finish(entry, NotRunOutcome, failed: true);
                    continue;
                }
                await ExecuteAsync(entry, stopping);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            while (queue.TryRead(out var left))
            {
                Finish(left, NotRunOutcome, failed: true);
            }
        }
    }

    private Entry? Add(Job job)
    {
        lock (_gate)
        {
            if (_pending.Any(e => e.Job.Key == job.Key))
            {
                return null;
            }
            var entry = new Entry(job, Now);
            _pending.Add(entry);
            return entry;
        }
    }

    private async Task ExecuteAsync(Entry entry, CancellationToken stopping)
    {
        var job = entry.Job;
        if (entry.Cancel.IsCancellationRequested)
        {
            Finish(entry, job.CancelledOutcome, failed: true);
            return;
        }
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(entry.Cancel.Token, stopping);
        var context = new JobContext(entry.AskedAt, (stage, fraction) => Progress(entry, stage, fraction), cancel.Token);
        lock (_gate)
        {
            entry.StartedAt = Now;
            entry.Stage = StartingStage;
        }
        Publish(job.Kind);
        var lost = false;
        try
        {
            var lease = await TakeLeaseAsync(job, context);
            await using (lease)
            {
                using var stopIfLost = CancellationTokenSource.CreateLinkedTokenSource(cancel.Token, lease?.Lost ?? CancellationToken.None);
                context.Cancellation = stopIfLost.Token;
                try
                {
                    Finish(entry, await job.RunAsync(context), failed: false);
                }
                finally
                {
                    lost = lease?.Lost.IsCancellationRequested == true;
                }
            }
        }
        catch (LeaseRefusedException e)
        {
            Finish(entry, e.Message, failed: true);
        }
        catch (OperationCanceledException) when (lost)
        {
            Finish(entry, "Stopped: another instance took over its lease while the database could not be reached.", failed: true);
        }
        catch (OperationCanceledException)
        {
            Finish(entry, job.CancelledOutcome, failed: true);
        }
        catch (Exception e) when (job.Explain(e) is { } words)
        {
            Finish(entry, words, failed: true);
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            Finish(entry, fault.Message, failed: true);
        }
        catch (Exception e)
        {
            logger.LogError(e, "{Kind} job failed", job.Kind);
            Finish(entry, job.UnexpectedOutcome, failed: true);
        }
    }

    private async Task<JobLeases.Lease?> TakeLeaseAsync(Job job, JobContext context)
    {
        if (job.Lease is not { } name)
        {
            return null;
        }
        if (job.WaitsForLease)
        {
            return await leases.WaitAsync(name, heldBy =>
            {
                context.OtherHolderSince ??= heldBy.AcquiredAt;
                context.Report(job.WaitingForLease(heldBy), 0);
            }, context.Cancellation);
        }
        var (lease, holder) = await leases.TryAcquireAsync(name, context.Cancellation);
        return lease ?? throw new LeaseRefusedException(job.RefusedByLease(holder));
    }

    private void Progress(Entry entry, string stage, double fraction)
    {
        lock (_gate)
        {
            entry.Stage = stage;
            entry.Fraction = fraction;
        }
        Publish(entry.Job.Kind);
    }

    private void Finish(Entry entry, string outcome, bool failed)
    {
        var job = entry.Job;
        var record = new JobRecord(job.Kind, job.Key, job.StartedBy, entry.AskedAt, entry.StartedAt, Now, outcome, failed);
        lock (_gate)
        {
            if (!_pending.Remove(entry))
            {
                return; // finished already
            }
            _history.AddFirst(record);
            while (_history.Count > HistoryKept)
            {
                _history.RemoveLast();
            }
            _status[job.Kind] = _status.GetValueOrDefault(job.Kind, JobStatus.Idle) with { LastOutcome = outcome, LastFailed = failed };
        }
        // The outcome holds counts and reasons, never a customer; who asked is left out (a staff member's name).
        logger.LogInformation("{Kind} job ended: {Outcome}", job.Kind, outcome);
        Publish(job.Kind);
        entry.Done.TrySetResult(record);
    }

    /// <summary>Works the kind's status out from its waiting and running jobs, and tells the listeners.</summary>
    private void Publish(string kind)
    {
        JobStatus status;
        Action<JobStatus>? listeners;
        lock (_gate)
        {
            var last = _status.GetValueOrDefault(kind, JobStatus.Idle);
            var mine = _pending.Where(e => e.Job.Kind == kind).ToList();
            var shown = mine.FirstOrDefault(e => e.StartedAt is not null);
            var queued = mine.FirstOrDefault();
            var behind = queued is not null && _pending.Any(e => e.StartedAt is not null && e.Job.Lane == queued.Job.Lane);
            status = new JobStatus(mine.Count > 0, mine.Count(e => e.StartedAt is null),
                shown?.Stage ?? (queued is null ? null : behind ? WaitingStage : StartingStage), shown?.Fraction ?? 0, shown?.StartedAt,
                last.LastOutcome, last.LastFailed);
            _status[kind] = status;
            listeners = _listeners.GetValueOrDefault(kind);
        }
        listeners?.Invoke(status);
        Changed?.Invoke(kind);
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private sealed class Entry(Job job, DateTime askedAt)
    {
        public Job Job { get; } = job;
        public DateTime AskedAt { get; } = askedAt;
        public CancellationTokenSource Cancel { get; } = new();
        public TaskCompletionSource<JobRecord> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public DateTime? StartedAt { get; set; }
        public string? Stage { get; set; }
        public double Fraction { get; set; }
    }

    private sealed class LeaseRefusedException(string message) : Exception(message);
}
