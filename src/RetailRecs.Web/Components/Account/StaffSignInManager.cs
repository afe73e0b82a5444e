using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Identity's sign-in manager, plus a server-side session per sign-in. Every way of signing in (password, second
/// factor, refresh after a password change) ends in <see cref="SignInWithClaimsAsync"/>, and every sign-out in
/// <see cref="SignOutAsync"/>, so these two overrides cover them all.
/// </summary>
internal sealed class StaffSignInManager(
    UserManager<StaffUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<StaffUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<StaffUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<StaffUser> confirmation,
    StaffSessions sessions,
    AuditLog audit)
    : SignInManager<StaffUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task SignInWithClaimsAsync(StaffUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        // A fresh session id at every sign-in (no fixation); the one this browser held before, if any, ends.
        var previous = StaffSessionCookie.SessionId(Context.User);
        var sessionId = await sessions.StartAsync(user.Id, ClientAddress.Of(Context));
        if (previous is not null)
        {
            await sessions.EndAsync(previous, StaffSessionEndReasons.Replaced);
        }
        await base.SignInWithClaimsAsync(user, authenticationProperties, [.. additionalClaims, new Claim(StaffSessionCookie.SessionIdClaim, sessionId)]);
    }

    public override async Task SignOutAsync()
    {
        var user = Context.User;
        if (StaffSessionCookie.SessionId(user) is { } sessionId && await sessions.EndAsync(sessionId, StaffSessionEndReasons.SignedOut))
        {
            var actor = StaffClaims.Actor(user);
            Logger.LogInformation("Staff user {UserId} signed out.", actor.UserId);
            await audit.WriteAsync(actor, "signin.signed-out", nameof(StaffUser), actor.UserId, $"client {ClientAddress.Of(Context)}");
        }
        await base.SignOutAsync();
    }
}
