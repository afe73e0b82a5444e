using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace RetailRecs.Web.Security;

/// <summary>
/// A request refused only because the user has not enrolled in two-factor sign-in goes to the enrolment page rather
/// than to "access denied": that page tells them what to do. Every other outcome is handled as usual.
/// </summary>
internal sealed class TwoFactorEnrolmentRedirect : IAuthorizationMiddlewareResultHandler
{
    public const string EnrolmentPath = "/Account/Manage/EnableAuthenticator";

    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden
            && authorizeResult.AuthorizationFailure?.FailedRequirements.Any(r => r is TwoFactorEnrolmentRequirement) == true)
        {
            context.Response.Redirect(EnrolmentPath);
            return Task.CompletedTask;
        }
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
