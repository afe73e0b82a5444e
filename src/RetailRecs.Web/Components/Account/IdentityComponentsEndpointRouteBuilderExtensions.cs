using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using RetailRecs.Core.Model;

namespace RetailRecs.Web.Components.Account;

internal static class IdentityComponentsEndpointRouteBuilderExtensions
{
    /// <summary>The endpoints the static Identity pages post to (Blazor components cannot sign out themselves).</summary>
    public static IEndpointConventionBuilder MapAdditionalIdentityEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // Signed in is enough (the default policy): sign-out must work before a required two-factor enrolment too.
        var accountGroup = endpoints.MapGroup("/Account").RequireAuthorization();

        accountGroup.MapPost("/Logout", async (
            [FromServices] SignInManager<StaffUser> signInManager,
            [FromForm] string? returnUrl) =>
        {
            await signInManager.SignOutAsync();
            var target = $"~/{returnUrl?.TrimStart('/')}";
            // Only local addresses; anything else goes to the start page rather than failing.
            return Results.LocalRedirect(IsLocal(target) ? target : "~/");
        });

        return accountGroup;
    }

    private static bool IsLocal(string url) =>
        url.StartsWith("~/", StringComparison.Ordinal) && !url.StartsWith("~//", StringComparison.Ordinal) && !url.Contains('\\');
}
