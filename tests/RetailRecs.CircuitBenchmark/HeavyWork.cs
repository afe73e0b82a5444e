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

/// <summary>One card opened: how long it took, and whether heavy work ran when the associate tapped.</summary>
internal readonly record struct CardOpen(double Ms, bool DuringHeavyWork);
