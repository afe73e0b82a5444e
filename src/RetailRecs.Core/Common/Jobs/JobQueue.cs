namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// One kind of job as a page sees it on the <see cref="JobRunner"/>: its status, its changes, Cancel. Each feature
/// derives one that starts its own job definition (SegmentationJobs, EvaluationJobs, ImportJobs, TrainingJobs).
/// </summary>
public abstract class JobQueue(JobRunner runner, string kind)
{
    protected JobRunner Runner => runner;

    public string Kind => kind;

    public JobStatus Current => runner.Current(kind);

    /// <summary>Raised (on a background thread) whenever <see cref="Current"/> changes.</summary>
    public event Action<JobStatus> Changed
    {
        add => runner.Subscribe(kind, value);
        remove => runner.Unsubscribe(kind, value);
    }

    /// <summary>Stops this kind's running job and drops its waiting ones (the user's explicit choice); false when none.</summary>
    public bool Cancel() => runner.Cancel(kind);

    /// <summary>Completes when this kind's jobs waiting or running now have finished (tests and pages wait on it).</summary>
    public Task Running => runner.WhenIdleAsync(kind);
}
