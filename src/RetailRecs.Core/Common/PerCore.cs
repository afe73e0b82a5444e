namespace RetailRecs.Core.Common;

/// <summary>
/// Options for a loop of CPU work spread over the machine's cores. Without a ceiling <c>Parallel.For</c> takes every
/// thread the pool offers, and the pool keeps adding threads to a long loop whose workers wait on the collector (15 on
/// 2 cores in the 10× selection's scoring, 45 in the 100× text model): each extra worker brings its own scratch and
/// more garbage, not more cores.
/// </summary>
internal static class PerCore
{
    public static ParallelOptions Options(CancellationToken ct) =>
        new() { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount };
}
