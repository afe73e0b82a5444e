using System.Text.Json;
using RetailRecs.Core.Model;

namespace RetailRecs.Testing;

/// <summary>The documented demo sign-ins, read from the repository's appsettings.Development.json (not copied here).</summary>
public static class DemoAccounts
{
    public sealed record Account(string Email, string Password, string Role);

    private static readonly Lazy<IReadOnlyDictionary<string, Account>> ByRole = new(Load);

    public static Account For(string role) => ByRole.Value[role];
    public static Account Admin => For(StaffRoles.Admin);
    public static Account Manager => For(StaffRoles.Manager);
    public static Account Associate => For(StaffRoles.Associate);

    private static IReadOnlyDictionary<string, Account> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.DevelopmentSettings));
        var seed = doc.RootElement.GetProperty("Seed");
        var accounts = new Dictionary<string, Account>
        {
            [StaffRoles.Admin] = new(seed.GetProperty("AdminEmail").GetString()!, seed.GetProperty("AdminPassword").GetString()!, StaffRoles.Admin),
        };
        foreach (var demo in seed.GetProperty("DemoAccounts").EnumerateArray())
        {
            var role = demo.GetProperty("Role").GetString()!;
            accounts[role] = new(demo.GetProperty("Email").GetString()!, demo.GetProperty("Password").GetString()!, role);
        }
        return accounts;
    }
}
