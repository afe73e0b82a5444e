using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Staff;
using RetailRecs.Web.Security;

namespace RetailRecs.Web.Components.Account;

/// <summary>Ties the sign-in cookie to its server-side session (<see cref="StaffSessions"/>).</summary>
internal static class StaffSessionCookie
{
    /// <summary>The claim holding the session id. The cookie is encrypted, so the id is never visible to the browser.</summary>
    public const string SessionIdClaim = "retailrecs:session";

    public static string? SessionId(ClaimsPrincipal? user) => user?.FindFirstValue(SessionIdClaim);

    /// <summary>
    /// Runs before the security-stamp check on every request: a cookie whose session was ended (signed out, locked,
    /// timed out) is refused and deleted, so a copy taken before sign-out stops working at once.
    /// </summary>
    public static async Task<bool> ValidateAsync(CookieValidatePrincipalContext context)
    {
        var sessionId = SessionId(context.Principal);
        var state = StaffSessionState.Ended;  // cookies from before server-side sessions carry no id: sign in again
        if (sessionId is not null && context.Principal is { } user)
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<StaffSessions>();
            state = await sessions.CheckAsync(sessionId, StaffClaims.Actor(user), StaffClaims.Role(user), isActivity: true,
                context.HttpContext.RequestAborted);
        }
        if (state == StaffSessionState.Active)
        {
            return true;
        }
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return false;
    }

    /// <summary>The security-stamp check rebuilds the principal from the database; keep the session id across it.</summary>
    public static Task KeepSessionId(SecurityStampRefreshingPrincipalContext context)
    {
        if (SessionId(context.CurrentPrincipal) is { } id && context.NewPrincipal?.Identity is ClaimsIdentity identity)
        {
            identity.AddClaim(new Claim(SessionIdClaim, id));
        }
        return Task.CompletedTask;
    }
}
