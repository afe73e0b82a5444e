using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Account;

// This is a server-side AuthenticationStateProvider that revalidates, while an interactive circuit is connected, that
// the session is still active (not signed out elsewhere, locked, or past a time limit) and that the security stamp
// still matches, so a signed-out, locked or demoted user loses an open page promptly.
internal sealed class IdentityRevalidatingAuthenticationStateProvider(
        ILoggerFactory loggerFactory,
        IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options,
        StaffSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    // One primary-key lookup per open page every 30 s: cheap, and a page left open on a shared tablet closes soon
    // after the session ends.
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(30);

    protected override async Task<bool> ValidateAuthenticationStateAsync(
        AuthenticationState authenticationState, CancellationToken cancellationToken)
    {
        var principal = authenticationState.User;
        if (StaffSessionCookie.SessionId(principal) is not { } sessionId
            || await sessions.CheckAsync(sessionId, StaffClaims.Actor(principal), StaffClaims.Role(principal), isActivity: false, cancellationToken)
                != StaffSessionState.Active)
        {
            return false;
        }
        // Get the user manager from a new scope to ensure it fetches fresh data
        await using var scope = scopeFactory.CreateAsyncScope();
        var userManager = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await ValidateSecurityStampAsync(userManager, principal);
    }

    private async Task<bool> ValidateSecurityStampAsync(UserManager<StaffUser> userManager, ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null)
        {
            return false;
        }
        else if (!userManager.SupportsUserSecurityStamp)
        {
            return true;
        }
        else
        {
            var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            var userStamp = await userManager.GetSecurityStampAsync(user);
            return principalStamp == userStamp;
        }
    }
}
