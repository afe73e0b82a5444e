namespace RetailRecs.Web.Security;

/// <summary>Which roles must sign in with a second factor (an authenticator app's code) besides their password.</summary>
public sealed class TwoFactorSettings
{
    public const string Section = "Security:TwoFactor";

    /// <summary>Admins hold every key (staff accounts, API keys, imports): a stolen password alone must not be enough.</summary>
    public bool RequiredForAdmins { get; set; } = true;

    /// <summary>Off by default: managers see personal data in aggregate only, and may still enrol themselves.</summary>
    public bool RequiredForManagers { get; set; }

    /// <summary>Whether the signed-in <paramref name="user"/>'s role must use two-factor sign-in.</summary>
    public bool IsRequiredFor(System.Security.Claims.ClaimsPrincipal user) =>
        (RequiredForAdmins && user.IsInRole(Core.Model.StaffRoles.Admin))
        || (RequiredForManagers && user.IsInRole(Core.Model.StaffRoles.Manager));
}
