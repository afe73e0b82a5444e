using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Privacy;

/// <summary>Writes who looked at or changed what. Entries name records by id; personal data stays out of the log.</summary>
public sealed class AuditLog(IDbContextFactory<RetailDbContext> contexts)
{
    public async Task WriteAsync(StaffActor actor, string action, string entityType, string? entityId, string? details = null,
        CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.AuditEntries.Add(Entry(actor, action, entityType, entityId, details));
        await db.SaveChangesAsync(ct);
    }

    public static AuditEntry Entry(StaffActor actor, string action, string entityType, string? entityId, string? details = null) =>
        new()
        {
            UserId = actor.UserId,
            UserName = actor.UserName,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Details = details,
        };
}
