using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Changes;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff;

/// <summary>What a session check found.</summary>
public enum StaffSessionState
{
    Active,
    /// <summary>Unknown, signed out, ended by an admin or replaced by a newer sign-in.</summary>
    Ended,
    /// <summary>Ended just now by the idle or the absolute limit.</summary>
    Expired,
}

/// <summary>
/// Server-side records of signed-in sessions (<see cref="StaffSession"/>): started at sign-in, checked on every request
/// and by open pages, ended at sign-out, by the time limits of <see cref="StaffSessionOptions"/>, or by an admin.
/// </summary>
public sealed class StaffSessions(IDbContextFactory<RetailDbContext> contexts, IOptions<StaffSessionOptions> options, AuditLog audit,
    TimeProvider time, ChangeFeed feed, ILogger<StaffSessions> logger)
{
    private StaffSessionOptions Limits => options.Value;

    public async Task<string> StartAsync(string userId, string? clientAddress, CancellationToken ct = default)
    {
        var now = Now;
        var session = new StaffSession
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            ClientAddress = clientAddress,
        };
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.StaffSessions.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>
    /// Whether the session may still be used by <paramref name="actor"/> holding <paramref name="role"/>. One primary-key
    /// lookup; a session past a time limit is ended (and audited) here. <paramref name="isActivity"/> says whether the
    /// caller saw the user do something (a request) rather than a timer's check, so only activity keeps a session alive.
    /// </summary>
    public async Task<StaffSessionState> CheckAsync(string sessionId, StaffActor actor, string role, bool isActivity, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var session = await db.StaffSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId, ct);
        if (session is null || session.EndedAt is not null || session.UserId != actor.UserId)
        {
            return StaffSessionState.Ended;
        }
        var now = Now;
        var expiredBy = now - session.CreatedAt > Limits.AbsoluteLifetime ? StaffSessionEndReasons.Lifetime
            : now - session.LastSeenAt > Limits.IdleTimeoutFor(role) ? StaffSessionEndReasons.Idle
            : null;
        if (expiredBy is not null)
        {
            if (await EndWhereAsync(db, s => s.Id == sessionId, expiredBy, ct) > 0)
            {
                logger.LogInformation("Session of staff user {UserId} ended: {Reason} limit.", actor.UserId, expiredBy);
                await audit.WriteAsync(actor, "signin.session-expired", nameof(StaffUser), actor.UserId, $"client {session.ClientAddress ?? "unknown"}; {expiredBy} limit", ct);
            }
            return StaffSessionState.Expired;
        }
        if (isActivity && now - session.LastSeenAt >= Limits.LastSeenWriteInterval)
        {
            await TouchAsync(db, sessionId, now, ct);
        }
        return StaffSessionState.Active;
    }

    /// <summary>Records activity seen outside a request (a click in an open page). The caller throttles.</summary>
    public async Task TouchAsync(string sessionId, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await TouchAsync(db, sessionId, Now, ct);
    }

    /// <summary>Ends one session; false when it had already ended.</summary>
    public async Task<bool> EndAsync(string sessionId, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var userId = await db.StaffSessions.Where(s => s.Id == sessionId).Select(s => s.UserId).FirstOrDefaultAsync(ct);
        return userId is not null && await AnnouncedAsync(userId, await EndWhereAsync(db, s => s.Id == sessionId, reason, ct)) > 0;
    }

    /// <summary>Ends every active session of a user (locked, password reset): returns how many.</summary>
    public async Task<int> EndAllAsync(string userId, string reason, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await AnnouncedAsync(userId, await EndWhereAsync(db, s => s.UserId == userId, reason, ct));
    }

    /// <summary>Open pages on every instance re-check their session now, instead of at their next periodic check.</summary>
    private async Task<int> AnnouncedAsync(string userId, int ended)
    {
        if (ended > 0)
        {
            await feed.TryPublishAsync(ChangeKinds.Staff, ChangeKinds.StaffSubject(userId));
        }
        return ended;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private static Task TouchAsync(RetailDbContext db, string sessionId, DateTime now, CancellationToken ct) =>
        db.StaffSessions.Where(s => s.Id == sessionId && s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.LastSeenAt, now), ct);

    private Task<int> EndWhereAsync(RetailDbContext db, System.Linq.Expressions.Expression<Func<StaffSession, bool>> which, string reason,
        CancellationToken ct)
    {
        var now = Now;
        return db.StaffSessions.Where(which).Where(s => s.EndedAt == null)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.EndedAt, now).SetProperty(s => s.EndReason, reason), ct);
    }
}
