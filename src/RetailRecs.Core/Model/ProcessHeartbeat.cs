namespace RetailRecs.Core.Model;

/// <summary>
/// The last sign of life of one app process (a web instance or a command-line run) on this database: jobs it runs are
/// its own until it stops beating (see Common.Jobs.JobOwner).
/// </summary>
public class ProcessHeartbeat
{
    /// <summary>"machine:process id", as in the jobs' Owner column.</summary>
    public string Owner { get; set; } = "";
    public DateTime BeatAt { get; set; }
}

/// <summary>A job recorded as running by one process: imports, training runs, segmentation runs, evaluations.</summary>
public interface IOwnedJob
{
    int Id { get; }
    /// <summary>The process running it ("machine:process id"); null for runs recorded before owners were.</summary>
    string? Owner { get; }
}
