namespace RetailRecs.CircuitBenchmark;

/// <summary>
/// Whether heavy work (an import, a training) is running at this moment, told by a script through a file it creates
/// when the work starts and deletes when it ends (--busy-file), so each card time can be counted as during or outside it.
/// </summary>
internal static class HeavyWork
{
    public static string? MarkerFile { get; set; }

    public static bool IsOn => MarkerFile is not null && File.Exists(MarkerFile);
}

/// <summary>One card opened: when the associate tapped, how long it took, and whether heavy work ran meanwhile.</summary>
internal readonly record struct CardOpen(DateTime At, double Ms, bool DuringHeavyWork);
