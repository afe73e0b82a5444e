namespace RetailRecs.Core.Jobs;

/// <summary>How a job stands or ended, as the Background work page reads it.</summary>
public enum JobState { Running, RunningElsewhere, Succeeded, Failed, Stopped, Skipped }

/// <summary>
/// One job of the recent history: from its kind's stored runs where it has some (true on every instance and after a
/// restart), otherwise from this instance's runner (<see cref="ThisInstanceOnly"/>).
/// </summary>
/// <param name="Kind">The job kind (see <see cref="BackgroundWork.KindName"/>).</param>
/// <param name="What">Which runs it made ("Runs 12–17 (6 models)", "Import 4: transactions file").</param>
/// <param name="StartedBy">As stored (a staff user name, or "schedule", "startup", "cli"); shown through JobStarters only.</param>
/// <param name="Message">What it did, or why it failed, in words.</param>
public sealed record PastJob(string Kind, string What, string StartedBy, DateTime StartedAt, DateTime? FinishedAt, JobState State, string? Message,
    bool ThisInstanceOnly = false)
{
    public bool Failed => State == JobState.Failed;

    public string Outcome => State switch
    {
        JobState.Running => "Running",
        JobState.RunningElsewhere => "Running on another instance",
        JobState.Succeeded => "Done",
        JobState.Failed => "Failed",
        JobState.Stopped => "Stopped",
        _ => "Skipped",
    };
}
