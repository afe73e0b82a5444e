using RetailRecs.Core.Import.Cleaning;
using RetailRecs.Core.Import.Transactions;

namespace RetailRecs.Core.Import;

public enum ImportOutcome { DryRun, Imported, AlreadyImported }

/// <summary>What an import did (or, for a dry run, would do): the cleaning report, the mapping used and what was stored.</summary>
public sealed record ImportResult(
    ImportOutcome Outcome,
    CleaningReport Report,
    IReadOnlyDictionary<string, string> Mapping,
    WriteCounts? Written,
    int? BatchId,
    TimeSpan Duration,
    string Message)
{
    /// <summary>For catalog and customer files: records added, updated and unchanged.</summary>
    public UpsertCounts? Upserted { get; init; }
}
