using Microsoft.AspNetCore.Authorization;
using RetailRecs.Core.Model;

namespace RetailRecs.Web.Security;

/// <summary>
/// One policy per area of the app. Roles nest: a Manager may do what an Associate may, an Admin everything.
/// Pages name the policy of their area with [Authorize(Policy = ...)]; everything else needs a signed-in staff user.
/// </summary>
public static class Policies
{
    /// <summary>Customer and product lookup at the counter.</summary>
    public const string Associate = "Area.Associate";
    /// <summary>Dashboards, segments, model results, experiments.</summary>
    public const string Manager = "Area.Manager";
    /// <summary>Uploads, training, staff accounts.</summary>
    public const string Admin = "Area.Admin";

    public static IServiceCollection AddRetailRecsAuthorization(this IServiceCollection services)
    {
        // Every staff policy also needs two-factor enrolment where the role requires it (Security:TwoFactor); the
        // account pages use the default policy (signed in only), so enrolment and sign-out stay reachable.
        var enrolled = new TwoFactorEnrolmentRequirement();
        services.AddAuthorizationBuilder()
            // Fallback: any endpoint without its own rule needs a signed-in member of staff (an account holding a role).
            // Only the sign-in pages, static assets and /health opt out, explicitly.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().RequireRole(StaffRoles.All)
                .AddRequirements(enrolled).Build())
            .AddPolicy(Associate, p => p.RequireRole(StaffRoles.Associate, StaffRoles.Manager, StaffRoles.Admin).AddRequirements(enrolled))
            .AddPolicy(Manager, p => p.RequireRole(StaffRoles.Manager, StaffRoles.Admin).AddRequirements(enrolled))
            .AddPolicy(Admin, p => p.RequireRole(StaffRoles.Admin).AddRequirements(enrolled));
        services.AddSingleton<IAuthorizationHandler, TwoFactorEnrolmentHandler>();
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, TwoFactorEnrolmentRedirect>();
        return services;
    }
}
