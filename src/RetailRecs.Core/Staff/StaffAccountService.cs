using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff;

/// <summary>
/// Staff account administration: create, change role, lock and unlock, reset password. Every change is audited.
/// Each user has exactly one role, since roles include each other (Admin ⊃ Manager ⊃ Associate).
/// </summary>
/// <remarks>
/// Each call runs in its own DI scope, so Identity's UserManager and its DbContext live for one operation,
/// not for a whole Blazor circuit.
/// </remarks>
public sealed class StaffAccountService(IServiceScopeFactory scopes, IDbContextFactory<RetailDbContext> contexts, StaffSessions sessions)
{
    public async Task<IReadOnlyList<StaffAccountSummary>> ListAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var roleByUser = await (from ur in db.UserRoles
                                join r in db.Roles on ur.RoleId equals r.Id
                                select new { ur.UserId, r.Name }).ToListAsync(ct);
        var users = await db.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        return users.Select(u => new StaffAccountSummary(
            u.Id, u.Email ?? "", u.DisplayName,
            HighestRole(roleByUser.Where(x => x.UserId == u.Id).Select(x => x.Name!)),
            u.LockoutEnd > now, u.LockoutEnd, u.AccessFailedCount, u.CreatedAt, u.LastSignInAt, u.TwoFactorEnabled)).ToList();
    }

    public async Task<StaffResult> CreateAsync(NewStaffAccount input, StaffActor actor)
    {
        if (!StaffRoles.All.Contains(input.Role))
        {
            return StaffResult.Fail($"Choose a role: {string.Join(", ", StaffRoles.All)}.");
        }
        if (string.IsNullOrWhiteSpace(input.DisplayName))
        {
            return StaffResult.Fail("Enter the person's name as colleagues know it.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var email = input.Email.Trim();
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = input.DisplayName.Trim() };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, input.Password);
        }
        catch (DbUpdateException)
        {
            if (await users.FindByEmailAsync(email) is null)
            {
                throw; // not the race below: a storage fault, said as such where it is caught
            }
            // Identity checks the name, then saves: a second press, or another admin on another instance, between the
            // two hits the unique index. Before 2026-12-07 that reached the page as an error though the account existed.
            return StaffResult.Fail($"An account for {email} exists already: it was created a moment ago. Find it in the list.");
        }
        if (!created.Succeeded)
        {
            return Failed(created);
        }
        var added = await users.AddToRoleAsync(user, input.Role);
        if (!added.Succeeded)
        {
            await users.DeleteAsync(user);
            return Failed(added);
        }
        await AuditAsync(scope, actor, "staff.created", user.Id, $"role {input.Role}");
        return StaffResult.Ok;
    }

    public async Task<StaffResult> SetRoleAsync(string userId, string role, StaffActor actor)
    {
        if (!StaffRoles.All.Contains(role))
        {
            return StaffResult.Fail($"Unknown role '{role}'.");
        }
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffResult.Fail("That account no longer exists.");
        }
        // The last-admin check and the change take turns with other admins' changes (see BeginAdminChangeAsync); the
        // removal and the addition share the transaction, so a failure never leaves the account without a role.
        var db = scope.ServiceProvider.GetRequiredService<RetailDbContext>();
        await using var tx = await BeginAdminChangeAsync(db);
        var current = await users.GetRolesAsync(user);
        if (current.Contains(StaffRoles.Admin) && role != StaffRoles.Admin)
        {
            if (userId == actor.UserId)
            {
                return StaffResult.Fail("You cannot take the Admin role from yourself; ask another admin.");
            }
            if (await CountOtherActiveAdminsAsync(users, userId) == 0)
            {
                return StaffResult.Fail("This is the last active admin: make someone else Admin first.");
            }
        }
        var removed = await users.RemoveFromRolesAsync(user, current);
        var added = removed.Succeeded ? await users.AddToRoleAsync(user, role) : removed;
        if (!added.Succeeded)
        {
            return Failed(added);
        }
        await tx.CommitAsync();
        // Their sessions end on every instance (open pages within seconds): the next sign-in carries the new role. The
        // new security stamp also refuses any copy of the old sign-in cookie.
        await users.UpdateSecurityStampAsync(user);
        await sessions.EndAllAsync(user.Id, StaffSessionEndReasons.RoleChanged);
        await AuditAsync(scope, actor, "staff.role-changed", user.Id, $"{string.Join("+", current)} -> {role}");
        return StaffResult.Ok;
    }

    public async Task<StaffResult> SetLockedAsync(string userId, bool locked, StaffActor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffResult.Fail("That account no longer exists.");
        }
        if (locked)
        {
            if (userId == actor.UserId)
            {
                return StaffResult.Fail("You cannot lock your own account.");
            }
            var db = scope.ServiceProvider.GetRequiredService<RetailDbContext>();
            await using (var tx = await BeginAdminChangeAsync(db))
            {
                if (await users.IsInRoleAsync(user, StaffRoles.Admin) && await CountOtherActiveAdminsAsync(users, userId) == 0)
                {
                    return StaffResult.Fail("This is the last active admin and cannot be locked.");
                }
                await users.SetLockoutEnabledAsync(user, true);
                var result = await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
                if (!result.Succeeded)
                {
                    return Failed(result);
                }
                await users.UpdateSecurityStampAsync(user);
                await tx.CommitAsync();
            }
            // Signed-in copies of the account stop at their next request, not at the next stamp check.
            await sessions.EndAllAsync(user.Id, StaffSessionEndReasons.Locked);
        }
        else
        {
            var result = await users.SetLockoutEndDateAsync(user, null);
            if (!result.Succeeded)
            {
                return Failed(result);
            }
            await users.ResetAccessFailedCountAsync(user);
        }
        await AuditAsync(scope, actor, locked ? "staff.locked" : "staff.unlocked", user.Id);
        return StaffResult.Ok;
    }

    public async Task<StaffResult> ResetPasswordAsync(string userId, string newPassword, StaffActor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffResult.Fail("That account no longer exists.");
        }
        // Validate first, so a weak password never leaves the account without one.
        var errors = new List<string>();
        foreach (var validator in users.PasswordValidators)
        {
            var check = await validator.ValidateAsync(users, user, newPassword);
            errors.AddRange(check.Errors.Select(e => e.Description));
        }
        if (errors.Count > 0)
        {
            return new StaffResult(false, errors);
        }
        var removed = await users.RemovePasswordAsync(user);
        var added = removed.Succeeded ? await users.AddPasswordAsync(user, newPassword) : removed;
        if (!added.Succeeded)
        {
            return Failed(added);
        }
        await users.UpdateSecurityStampAsync(user);
        // Whoever knew the old password may be signed in with it: end those sessions now.
        await sessions.EndAllAsync(user.Id, StaffSessionEndReasons.PasswordReset);
        await AuditAsync(scope, actor, "staff.password-reset", user.Id);
        return StaffResult.Ok;
    }

    /// <summary>The highest of a user's roles, since each includes the ones below.</summary>
    public static string HighestRole(IEnumerable<string> roles)
    {
        var set = roles.ToHashSet();
        return StaffRoles.All.LastOrDefault(set.Contains) ?? "(none)";
    }

    /// <summary>
    /// Turns two-factor sign-in off for someone who lost their phone and their recovery codes: the old key and codes
    /// stop working, their sessions end at once, and where their role requires it they set it up again at
    /// their next sign-in.
    /// </summary>
    public async Task<StaffResult> ResetTwoFactorAsync(string userId, StaffActor actor)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        if (await users.FindByIdAsync(userId) is not { } user)
        {
            return StaffResult.Fail("That account no longer exists.");
        }
        var steps = new[]
        {
            await users.SetTwoFactorEnabledAsync(user, false),
            await users.ResetAuthenticatorKeyAsync(user),
        };
        if (steps.FirstOrDefault(s => !s.Succeeded) is { } failed)
        {
            return Failed(failed);
        }
        // Zero new codes replaces the old ones with none.
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await sessions.EndAllAsync(user.Id, StaffSessionEndReasons.TwoFactorReset);
        await AuditAsync(scope, actor, "staff.two-factor-reset", user.Id);
        return StaffResult.Ok;
    }

    // Changes that could leave no admin take turns on PostgreSQL: under read committed, two admins demoting (or
    // locking) each other at once each counted the other as the admin who remains, and both changes went through.
    // SQLite's transactions take the write lock when they begin, which serialises them already.
    private const long AdminChangeLockKey = 0x5252_7374_6166;

    private static async Task<IDbContextTransaction> BeginAdminChangeAsync(RetailDbContext db)
    {
        var tx = await db.Database.BeginTransactionAsync();
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({AdminChangeLockKey})");
        }
        return tx;
    }

    /// <summary>Admins other than <paramref name="exceptUserId"/> who can sign in now.</summary>
    private static async Task<int> CountOtherActiveAdminsAsync(UserManager<StaffUser> users, string exceptUserId)
    {
        var now = DateTimeOffset.UtcNow;
        return (await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count(u => u.Id != exceptUserId && (u.LockoutEnd is null || u.LockoutEnd <= now));
    }

    private static async Task AuditAsync(AsyncServiceScope scope, StaffActor actor, string action, string userId, string? details = null)
    {
        var db = scope.ServiceProvider.GetRequiredService<RetailDbContext>();
        db.AuditEntries.Add(AuditLog.Entry(actor, action, nameof(StaffUser), userId, details));
        await db.SaveChangesAsync();
    }

    private static StaffResult Failed(IdentityResult result) => new(false, result.Errors.Select(e => e.Description).ToList());
}
