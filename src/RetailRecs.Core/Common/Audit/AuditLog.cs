using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Common.Audit;

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

    /// <summary>
    /// The newest entries first, filtered by who (part of the sign-in name), what (action prefix, e.g. "customer."),
    /// which record (entity id) and when (inclusive days).
    /// </summary>
    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(string? who = null, string? action = null, string? entityId = null,
        DateOnly? from = null, DateOnly? to = null, int take = 200, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var q = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(who))
        {
            var w = who.Trim().ToLower();
            q = q.Where(a => a.UserName.ToLower().Contains(w));
        }
        if (!string.IsNullOrWhiteSpace(action))
        {
            q = q.Where(a => a.Action.StartsWith(action.Trim()));
        }
        if (!string.IsNullOrWhiteSpace(entityId))
        {
            q = q.Where(a => a.EntityId == entityId.Trim());
        }
        if (from is { } f)
        {
            var start = f.ToDateTime(TimeOnly.MinValue);
            q = q.Where(a => a.At >= start);
        }
        if (to is { } t)
        {
            var end = t.AddDays(1).ToDateTime(TimeOnly.MinValue);
            q = q.Where(a => a.At < end);
        }
        return await q.OrderByDescending(a => a.Id).Take(take).ToListAsync(ct);
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
