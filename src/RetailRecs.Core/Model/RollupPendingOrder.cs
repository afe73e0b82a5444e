namespace RetailRecs.Core.Model;

/// <summary>
/// An order stored by the events API while a month's refresh held the rollups (PostgreSQL only: minutes for a month of
/// a chain's data, longer than a till waits). Its sales are in no rollup row until the next holder of the rollups adds
/// them (<c>PendingSales</c>) and removes this row, in one transaction; until then the dashboard reads its month from
/// the lines. A refresh leaves pending orders out of the rows it computes, so they are never counted twice.
/// </summary>
public class RollupPendingOrder
{
    public int OrderId { get; set; }
    /// <summary>The first day of the order's month (what the dashboard reads from the lines meanwhile).</summary>
    public DateOnly Month { get; set; }
}
