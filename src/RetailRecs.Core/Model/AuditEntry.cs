namespace RetailRecs.Core.Model;

/// <summary>
/// Who looked at or changed what, and when. Names the member of staff (account id and sign-in name, so the entry
/// still reads after the account is deleted) and the record by id; it never copies the record's contents.
/// </summary>
public class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; } = DateTime.UtcNow;
    public string? UserId { get; set; }
    public string UserName { get; set; } = "";
    /// <summary>A short verb phrase: "customer.viewed", "staff.created", "staff.locked", ...</summary>
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string? EntityId { get; set; }
    public string? Details { get; set; }
}
