using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

/// <summary>The outcome of a password sign-in: Identity's result, or how long a throttled client must wait.</summary>
internal sealed record PasswordSignInAttempt(SignInResult Result, TimeSpan? RetryAfter = null);

/// <summary>
/// Password sign-in for the sign-in page. Gives an outsider nothing to tell accounts apart by: an unknown, a locked
/// and a real account with a wrong password all cost one password hash and one audit entry and get the same answer.
/// Wrong passwords are throttled per client (<see cref="SignInThrottle"/>) rather than locking the account.
/// </summary>
internal sealed class StaffPasswordSignIn(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    IPasswordHasher<StaffUser> hasher,
    SignInThrottle throttle,
    AuditLog audit,
    ILogger<StaffPasswordSignIn> logger)
{
    public const string NoMatchMessage =
        "Error: That email and password do not match an active staff account, or the account is locked. Check both and try again, or ask an admin.";

    // A real hash of a random password, made once with the app's hasher (and so the same cost) as staff passwords.
    private static string? dummyHash;

    public static string ThrottledMessage(TimeSpan wait)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        var howLong = seconds < 120 ? $"{seconds} second{(seconds == 1 ? "" : "s")}" : $"{(seconds + 59) / 60} minutes";
        return $"Too many failed sign-ins from this device. Wait {howLong}, then try again.";
    }

    public async Task<PasswordSignInAttempt> SignInAsync(HttpContext http, string email, string password, bool rememberMe)
    {
        var client = ClientAddress.Of(http);
        var user = await users.FindByNameAsync(email);
        var actor = user is null ? new StaffActor(null, "unknown") : new StaffActor(user.Id, user.UserName ?? "");
        if (await throttle.RetryAfterAsync(client, email) is { } wait)
        {
            logger.LogWarning("Sign-in throttled for {Account}.", user?.Id ?? "an unknown account");
            await AuditAsync(actor, "signin.throttled", client);
            return new PasswordSignInAttempt(SignInResult.Failed, wait);
        }

        var result = SignInResult.Failed;
        if (user is not null)
        {
            // Failures do not lock the account (see SignInThrottle); a lock set by an admin still refuses it.
            result = await signIn.PasswordSignInAsync(user, password, rememberMe, lockoutOnFailure: false);
        }
        if (user is null || result.IsLockedOut)
        {
            // No password was checked: check one anyway, so the time taken does not say whether the account exists.
            dummyHash ??= hasher.HashPassword(new StaffUser(), Guid.NewGuid().ToString());
            hasher.VerifyHashedPassword(new StaffUser(), dummyHash, password);
        }

        if (result.Succeeded || result.RequiresTwoFactor)
        {
            await throttle.SucceededAsync(client, email);
        }
        else
        {
            await throttle.FailedAsync(client, email);
        }
        if (result.Succeeded)
        {
            user!.LastSignInAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
            logger.LogInformation("Staff user {UserId} signed in.", user.Id);
            await AuditAsync(actor, "signin.succeeded", client);
        }
        else if (result.RequiresTwoFactor)
        {
            await AuditAsync(actor, "signin.password-accepted", client, "second factor required");
        }
        else
        {
            logger.LogWarning("Sign-in refused for {Account}: {Reason}.", user?.Id ?? "an unknown account", result.IsLockedOut ? "locked" : "wrong password or unknown account");
            await AuditAsync(actor, result.IsLockedOut ? "signin.refused-locked" : "signin.failed", client);
        }
        return new PasswordSignInAttempt(result);
    }

    private Task AuditAsync(StaffActor actor, string action, string client, string? note = null) =>
        audit.WriteAsync(actor, action, nameof(StaffUser), actor.UserId, note is null ? $"client {client}" : $"client {client}; {note}");
}
