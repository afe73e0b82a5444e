namespace RetailRecs.Core.Import;

/// <summary>What a catalog or customer file did: records added, records updated, records already as the file says.</summary>
/// <param name="Consents">Customers files: choices about personalisation recorded (changes of a customer's state only).</param>
public sealed record UpsertCounts(string What, int Added, int Updated, int Unchanged, int Consents = 0)
{
    public override string ToString() => $"{Added:N0} new {What}, {Updated:N0} updated, {Unchanged:N0} unchanged" +
        (Consents > 0 ? $"; {Consents:N0} choices about personalised suggestions recorded" : "");
}
