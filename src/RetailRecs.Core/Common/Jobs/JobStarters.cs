namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// Who or what started a job (<see cref="Job.StartedBy"/>, and the stored runs' StartedBy), in words that name no one:
/// the Background work page is read by every manager, so a staff member is "a staff member" (or "you").
/// </summary>
public static class JobStarters
{
    public const string Startup = "startup";
    public const string Schedule = "schedule";
    public const string CommandLine = "cli";

    /// <summary>True when a member of staff started it (a user name), not the app itself or the command line.</summary>
    public static bool ByHand(string startedBy) => Machine(startedBy) is null;

    /// <param name="viewer">The reader's own user name: their jobs read "By hand (you)".</param>
    public static string Describe(string startedBy, string? viewer = null) => Machine(startedBy)
        ?? (viewer is not null && string.Equals(startedBy, viewer, StringComparison.OrdinalIgnoreCase) ? "By hand (you)" : "By hand (a staff member)");

    // The command line writes "cli" or "cli:<what>"; the demo seed "system (first start)".
    private static string? Machine(string startedBy) => startedBy switch
    {
        Startup => "At start-up",
        Schedule => "Daily schedule",
        CommandLine => "Command line",
        _ when startedBy.StartsWith(CommandLine + ":", StringComparison.Ordinal) => "Command line",
        _ when startedBy.StartsWith("system", StringComparison.Ordinal) => "At start-up",
        _ => null,
    };
}
