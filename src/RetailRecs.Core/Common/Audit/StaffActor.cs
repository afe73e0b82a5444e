namespace RetailRecs.Core.Common.Audit;

/// <summary>The signed-in member of staff on whose behalf a service acts; written to the audit log.</summary>
public sealed record StaffActor(string? UserId, string UserName)
{
    public static readonly StaffActor System = new(null, "system");
}
