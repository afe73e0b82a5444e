using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// What a signed-in staff member changes about their own sign-in (password, authenticator): the changes that would
/// hand the account to someone at an unattended device — a new authenticator key, two-factor sign-in off, a new
/// password — ask for the current password first, and a wrong one counts as a failed sign-in
/// (<see cref="SignInThrottle"/>: the same allowance, so the form is no way round it). Every change and every wrong
/// password is audited, as an admin's changes to the account are.
/// </summary>
internal sealed class StaffSelfService(UserManager<StaffUser> users, SignInThrottle throttle, AuditLog audit, ILogger<StaffSelfService> logger)
{
    public const string WrongPasswordMessage = "Error: That is not your current password. Nothing was changed.";

    /// <summary>Null when <paramref name="password"/> is the account's; else what to tell the person (nothing was changed).</summary>
    /// <param name="change">What the password was asked for, for the audit entry ("two-factor off", ...).</param>
    public async Task<string?> CheckPasswordAsync(HttpContext http, StaffUser user, string? password, string change)
    {
        var client = ClientAddress.Of(http);
        var account = user.UserName ?? "";
        if (await throttle.RetryAfterAsync(client, account) is { } wait)
        {
            await AuditAsync(http, user, "staff.self-service-throttled", change);
            return "Error: " + StaffPasswordSignIn.ThrottledMessage(wait) + " Nothing was changed.";
        }
        if (string.IsNullOrEmpty(password) || !await users.CheckPasswordAsync(user, password))
        {
            await throttle.FailedAsync(client, account);
            logger.LogWarning("Wrong current password for {UserId} ({Change}).", user.Id, change);
            await AuditAsync(http, user, "staff.self-service-refused", $"{change}: wrong current password");
            return WrongPasswordMessage;
        }
        await throttle.SucceededAsync(client, account);
        return null;
    }

    /// <summary>Records a change the person made to their own account ("staff.password-changed", ...).</summary>
    public Task AuditAsync(HttpContext http, StaffUser user, string action, string? note = null) =>
        audit.WriteAsync(new StaffActor(user.Id, user.UserName ?? ""), action, nameof(StaffUser), user.Id,
            $"client {ClientAddress.Of(http)}; by themself" + (note is null ? "" : $"; {note}"));
}
