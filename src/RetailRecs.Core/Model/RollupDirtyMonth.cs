namespace RetailRecs.Core.Model;

/// <summary>
/// A month whose sales changed since its rollup rows were computed. Written in the same transaction as the sales (by
/// every import, an erasure, any other saved order), so a month either has a mark and is read from the lines, or its
/// rollup is exact. The events API's sales need none: they are added to the rollup rows in their own transaction (or,
/// during a refresh on PostgreSQL, wait as <see cref="RollupPendingOrder"/>).
/// Marks are appended, never updated (two writers never wait on one row); a refresh removes those it has seen.
/// </summary>
public class RollupDirtyMonth
{
    public long Id { get; set; }
    /// <summary>The first day of the month.</summary>
    public DateOnly Month { get; set; }
}
