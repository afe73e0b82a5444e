namespace RetailRecs.Core.Model;

/// <summary>
/// How a process is named in a job's Owner column and in its heartbeat: "machine:process id#start", where start is a
/// random mark drawn when the process starts. Machine and process id alone are not unique: two containers given the same
/// host name both run as process 1, and a restarted container is process 1 again on the same "machine". Part of the model
/// because every job entity starts out owned by the process that creates it; whether that owner still lives is
/// Common.Jobs.JobOwner's question.
/// </summary>
public static class ProcessOwner
{
    public const int MaxLength = 128;

    /// <summary>This process, as written in the jobs it starts.</summary>
    public static string Current { get; } = Name(Environment.MachineName, Environment.ProcessId,
        Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4)));

    /// <summary>"machine:pid#start" (or "machine:pid", as owners were written before the start mark).</summary>
    public static string Name(string machine, int processId, string? start = null)
    {
        var suffix = ":" + processId.ToString(System.Globalization.CultureInfo.InvariantCulture) + (start is null ? "" : "#" + start);
        return (machine.Length + suffix.Length <= MaxLength ? machine : machine[..(MaxLength - suffix.Length)]) + suffix;
    }

    /// <summary>The machine and process id of an owner name; null when it is not one (hand-made or from another tool).</summary>
    public static (string Machine, int ProcessId)? Parse(string owner)
    {
        var colon = owner.LastIndexOf(':');
        if (colon <= 0)
        {
            return null;
        }
        var rest = owner[(colon + 1)..];
        var hash = rest.IndexOf('#');
        return int.TryParse(hash < 0 ? rest : rest[..hash], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var pid)
            ? (owner[..colon], pid)
            : null;
    }
}
