namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// What one kind of job (training, segmentation, ...) is doing, for the pages: the one status every job reports.
/// </summary>
/// <param name="Busy">A job of this kind is running or waiting its turn.</param>
/// <param name="Waiting">Jobs of this kind queued and not started yet.</param>
/// <param name="StartedAt">When the running one started; null while none runs.</param>
/// <param name="LastOutcome">The last finished job's outcome, in words.</param>
public sealed record JobStatus(bool Busy, int Waiting, string? Stage, double Fraction, DateTime? StartedAt, string? LastOutcome, bool LastFailed)
{
    public static readonly JobStatus Idle = new(false, 0, null, 0, null, null, false);

    /// <summary>One of this kind is running (not only waiting).</summary>
    public bool Running => StartedAt is not null;

    /// <summary>Jobs of this kind queued behind the one shown.</summary>
    public int WaitingBehind => Running ? Waiting : Math.Max(0, Waiting - 1);
}

/// <summary>One finished job, as the runner's history keeps it.</summary>
public sealed record JobRecord(string Kind, string Key, string StartedBy, DateTime AskedAt, DateTime? StartedAt, DateTime FinishedAt,
    string Outcome, bool Failed);

/// <summary>A job waiting (<see cref="StartedAt"/> null) or running on this instance, for the Background work page.</summary>
public sealed record ActiveJob(string Kind, string StartedBy, JobLane Lane, DateTime AskedAt, DateTime? StartedAt, string? Stage, double Fraction)
{
    public bool Running => StartedAt is not null;
}
