using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;

namespace RetailRecs.Web.Security;

/// <summary>Reads what the app shows about the signed-in member of staff from their claims.</summary>
public static class StaffClaims
{
    public const string DisplayNameClaim = "retailrecs:display_name";
    /// <summary>Present when the account has two-factor sign-in on; refreshed with the security stamp (every minute).</summary>
    public const string TwoFactorClaim = "retailrecs:two_factor";

    public static string DisplayName(ClaimsPrincipal user) =>
        user.FindFirstValue(DisplayNameClaim) ?? user.Identity?.Name ?? "";

    public static bool HasTwoFactor(ClaimsPrincipal user) => user.HasClaim(TwoFactorClaim, "on");

    /// <summary>The highest role the user holds (roles nest, so that is the one that matters).</summary>
    public static string Role(ClaimsPrincipal user) =>
        StaffAccountService.HighestRole(user.FindAll(ClaimTypes.Role).Select(c => c.Value));

    /// <summary>Who to name in the audit log for actions taken by this user.</summary>
    public static StaffActor Actor(ClaimsPrincipal user) =>
        new(user.FindFirstValue(ClaimTypes.NameIdentifier), user.Identity?.Name ?? "unknown");
}

/// <summary>Adds the display name to the sign-in cookie, so the app bar needs no database call.</summary>
internal sealed class StaffClaimsPrincipalFactory(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(StaffClaims.DisplayNameClaim, user.DisplayName));
        if (user.TwoFactorEnabled)
        {
            identity.AddClaim(new Claim(StaffClaims.TwoFactorClaim, "on"));
        }
        return identity;
    }
}
