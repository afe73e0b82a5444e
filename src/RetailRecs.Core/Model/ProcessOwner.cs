namespace RetailRecs.Core.Model;

/// <summary>
/// How a process is named in a job's Owner column and in its heartbeat: "machine:process id". Part of the model because
/// every job entity starts out owned by the process that creates it; whether that owner still lives is Common.Jobs.JobOwner's
/// question.
/// </summary>
public static class ProcessOwner
{
    public const int MaxLength = 128;

    /// <summary>This process, as written in the jobs it starts.</summary>
    public static string Current { get; } = Name(Environment.MachineName, Environment.ProcessId);

    public static string Name(string machine, int processId)
    {
        var suffix = ":" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (machine.Length + suffix.Length <= MaxLength ? machine : machine[..(MaxLength - suffix.Length)]) + suffix;
    }
}
