using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Account;

/// <summary>The app as outside Development: admins must sign in with two factors. No demo sales are needed.</summary>
public sealed class TwoFactorRequiredWebFactory : RetailRecsWebFactory
{
    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Security:TwoFactor:RequiredForAdmins", "true"),
        new("Security:TwoFactor:RequiredForManagers", "false"),
        new("Seed:DemoData", "false"),
    ];
}
