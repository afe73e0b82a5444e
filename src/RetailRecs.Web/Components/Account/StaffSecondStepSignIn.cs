using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// The second step of a two-factor sign-in (an authenticator code, or a recovery code when the phone is not to hand),
/// audited as the password step is: the sign-in itself ("signin.succeeded"), each wrong code ("signin.failed") and a
/// refusal because the account is locked. A recovery code's use is named: it often means a lost phone. Before
/// 2026-12-06 these steps wrote only a log line, so no sign-in of a two-factor account (every admin's, outside
/// Development) reached the audit log.
/// </summary>
internal sealed class StaffSecondStepSignIn(
    SignInManager<StaffUser> signIn,
    UserManager<StaffUser> users,
    AuditLog audit,
    ILogger<StaffSecondStepSignIn> logger)
{
    public Task<SignInResult> WithAuthenticatorCodeAsync(HttpContext http, StaffUser user, string code, bool rememberMe, bool rememberDevice) =>
        CompleteAsync(http, user, "authenticator code",
            // Wrong codes count towards the account's lockout, like wrong passwords: only someone who already has the
            // password gets here, and the lockout is what stops them trying all million codes.
            () => signIn.TwoFactorAuthenticatorSignInAsync(code, rememberMe, rememberDevice));

    public Task<SignInResult> WithRecoveryCodeAsync(HttpContext http, StaffUser user, string code) =>
        CompleteAsync(http, user, "recovery code",
            // Identity does not count wrong recovery codes towards lockout: they are ten random characters, too many
            // to guess, and an outsider would first need the password to reach this step.
            () => signIn.TwoFactorRecoveryCodeSignInAsync(code));

    private async Task<SignInResult> CompleteAsync(HttpContext http, StaffUser user, string with, Func<Task<SignInResult>> attempt)
    {
        var result = await attempt();
        var actor = new StaffActor(user.Id, user.UserName ?? "");
        var note = $"client {ClientAddress.Of(http)}; {with}";
        if (result.Succeeded)
        {
            user.LastSignInAt = DateTime.UtcNow;
            await users.UpdateAsync(user);
            logger.LogInformation("Staff user {UserId} signed in with a {Factor}.", user.Id, with);
            await audit.WriteAsync(actor, "signin.succeeded", nameof(StaffUser), user.Id, with == "recovery code" ? note + " used (was the phone lost?)" : note);
        }
        else if (result.IsLockedOut)
        {
            logger.LogWarning("Sign-in of {UserId} refused at the code step: account locked out.", user.Id);
            await audit.WriteAsync(actor, "signin.refused-locked", nameof(StaffUser), user.Id, note);
        }
        else
        {
            await audit.WriteAsync(actor, "signin.failed", nameof(StaffUser), user.Id, $"{note}: wrong or already used");
        }
        return result;
    }
}
