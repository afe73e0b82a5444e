namespace RetailRecs.Core.Import;

/// <summary>What a catalog or customer file did: records added, records updated, records already as the file says.</summary>
public sealed record UpsertCounts(string What, int Added, int Updated, int Unchanged)
{
    public override string ToString() => $"{Added:N0} new {What}, {Updated:N0} updated, {Unchanged:N0} unchanged";
}
