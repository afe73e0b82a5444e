namespace RetailRecs.Core.Common.Jobs;

/// <summary>Jobs that start on their own (at start-up, once a day); the <see cref="JobRunner"/> asks every minute.</summary>
public interface IJobSchedule
{
    /// <summary>The jobs due now, each already claimed for this instance where several share the database.</summary>
    Task<IReadOnlyList<Job>> DueAsync(CancellationToken ct);
}

/// <summary>A kind of job whose runs are stored (as running, then finished) and may be left running by a process that died.</summary>
public interface IJobHistory
{
    /// <summary>Marks the runs left running by a process that is gone (<see cref="JobOwner"/>) as interrupted; returns how many.</summary>
    Task<int> MarkInterruptedAsync(CancellationToken ct = default);
}
