namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// A job definition: what runs on the <see cref="JobRunner"/>, under which lease, and how its outcome and failures
/// read. The pages, the schedule and the command line all start the same definitions, so a job does the same wherever
/// it was asked for.
/// </summary>
public abstract class Job
{
    /// <summary>The kind the pages follow ("training", "segmentation", ...): one status per kind.</summary>
    public abstract string Kind { get; }

    /// <summary>Two jobs with one key are the same job: the second is not queued while the first waits or runs.</summary>
    public virtual string Key => Kind;

    /// <summary>Staff user name, or "cli", "startup", "schedule".</summary>
    public abstract string StartedBy { get; }

    public virtual JobLane Lane => JobLane.Compute;

    /// <summary>The database lease held while it runs (one at a time across app instances and command-line runs); null for none.</summary>
    public virtual string? Lease => null;

    /// <summary>True: wait while another instance holds the lease; false: refuse at once (<see cref="RefusedByLease"/>).</summary>
    public virtual bool WaitsForLease => false;

    /// <summary>The stage shown while waiting for another instance's lease.</summary>
    public virtual string WaitingForLease(Model.JobLease heldBy) =>
        $"Waiting: another instance has held this job since {heldBy.AcquiredAt:HH:mm} UTC";

    /// <summary>The outcome when another instance holds the lease and this job does not wait.</summary>
    public virtual string RefusedByLease(Model.JobLease? heldBy) =>
        $"Another instance has been running this job since {heldBy?.AcquiredAt:HH:mm} UTC; its result appears here when it is done.";

    /// <summary>Does the work, reporting its stages; returns the outcome in words. Called holding the lease.</summary>
    public abstract Task<string> RunAsync(JobContext context);

    /// <summary>The words for a failure meant for the user (a refusal, not a bug); null for an unexpected one.</summary>
    public virtual string? Explain(Exception e) => null;

    public virtual string CancelledOutcome => "Stopped before it finished.";

    public virtual string UnexpectedOutcome => "It failed unexpectedly; what was there before is still in use. See the server log.";
}

/// <summary>
/// Which queue a job waits in. Compute jobs (training, segmentation, evaluation, retention) run one at a time: each
/// uses both cores, and two would only slow each other. An import reads a file and writes; it need not wait for a training.
/// </summary>
public enum JobLane
{
    Compute,
    Import,
}

/// <summary>What a running job is given: its cancellation, a way to report progress, and what the lease wait saw.</summary>
public sealed class JobContext
{
    private readonly Action<string, double> _report;

    internal JobContext(DateTime askedAt, Action<string, double> report, CancellationToken cancellation)
    {
        AskedAt = askedAt;
        _report = report;
        Cancellation = cancellation;
    }

    /// <summary>Cancelled when the user cancels, the app stops, or the lease is lost to another instance.</summary>
    public CancellationToken Cancellation { get; internal set; }

    /// <summary>When the job was asked for (queued, or started from the command line).</summary>
    public DateTime AskedAt { get; }

    /// <summary>When the instance this job waited for took the lease; null when the lease was free.</summary>
    public DateTime? OtherHolderSince { get; internal set; }

    public void Report(string stage, double fraction) => _report(stage, fraction);
}
