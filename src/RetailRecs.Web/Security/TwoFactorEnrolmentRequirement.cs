using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace RetailRecs.Web.Security;

/// <summary>
/// Part of every staff policy: a member of staff whose role must use two-factor sign-in has enrolled an authenticator.
/// Until they do, only the sign-in, sign-out and account pages (which use the default policy) open for them.
/// </summary>
public sealed class TwoFactorEnrolmentRequirement : IAuthorizationRequirement;

/// <summary>Reads enrolment from the sign-in cookie's claim, so no page request costs a database call.</summary>
internal sealed class TwoFactorEnrolmentHandler(IOptionsMonitor<TwoFactorSettings> settings)
    : AuthorizationHandler<TwoFactorEnrolmentRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, TwoFactorEnrolmentRequirement requirement)
    {
        // An anonymous visitor is refused by the policy's other requirements (and sent to sign in, not to enrolment).
        if (context.User.Identity?.IsAuthenticated != true
            || StaffClaims.HasTwoFactor(context.User)
            || !settings.CurrentValue.IsRequiredFor(context.User))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
