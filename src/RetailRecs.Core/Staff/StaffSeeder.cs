using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff;

/// <summary>Creates the roles, the first admin and the demo accounts. Safe to run at every start: it only adds what is missing.</summary>
public sealed class StaffSeeder(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, ILogger<StaffSeeder> logger)
{
    public sealed record Outcome(bool AdminCreated, int DemoAccountsCreated);

    /// <param name="requireAdmin">Outside Development an app without any admin would be unmanageable: refuse to start.</param>
    public async Task<Outcome> SeedAsync(SeedOptions options, bool requireAdmin)
    {
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Check(await roles.CreateAsync(new IdentityRole(role)), $"create role {role}");
            }
        }

        var adminCreated = false;
        if ((await users.GetUsersInRoleAsync(StaffRoles.Admin)).Count == 0)
        {
            if (!string.IsNullOrWhiteSpace(options.AdminEmail) && !string.IsNullOrWhiteSpace(options.AdminPassword))
            {
                await CreateAsync(options.AdminEmail, options.AdminPassword, StaffRoles.Admin, "Administrator", "the first admin (Seed:AdminEmail)");
                adminCreated = true;
                logger.LogInformation("Created the first admin account from configuration (Seed:AdminEmail).");
            }
            else if (requireAdmin)
            {
                throw new InvalidOperationException(
                    "No admin account exists and none is configured. Set Seed:AdminEmail and Seed:AdminPassword " +
                    "(for example as environment variables Seed__AdminEmail and Seed__AdminPassword) and start again; " +
                    "the admin is created once, after which the settings can be removed.");
            }
        }

        var demoCreated = 0;
        foreach (var (demo, index) in options.DemoAccounts.Select((d, i) => (d, i)))
        {
            var setting = $"Seed:DemoAccounts:{index}";
            if (!StaffRoles.All.Contains(demo.Role))
            {
                throw new InvalidOperationException($"{setting} has the unknown role '{demo.Role}'. Use one of {string.Join(", ", StaffRoles.All)}.");
            }
            if (await users.FindByEmailAsync(demo.Email) is null)
            {
                await CreateAsync(demo.Email, demo.Password, demo.Role, demo.DisplayName, $"the demo account {setting}");
                demoCreated++;
            }
        }
        return new Outcome(adminCreated, demoCreated);
    }

    /// <param name="setting">Names the account in errors by its setting, so no address reaches a log.</param>
    private async Task CreateAsync(string email, string password, string role, string displayName, string setting)
    {
        var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = displayName };
        Check(await users.CreateAsync(user, password), $"create {setting}");
        Check(await users.AddToRoleAsync(user, role), $"give {setting} the role {role}");
    }

    /// <summary>Identity's own words, except those that quote the address (which would reach the start-up log).</summary>
    private static string Describe(IdentityError e) => e.Code switch
    {
        nameof(IdentityErrorDescriber.InvalidEmail) or nameof(IdentityErrorDescriber.InvalidUserName) => "the e-mail address is not valid.",
        nameof(IdentityErrorDescriber.DuplicateEmail) or nameof(IdentityErrorDescriber.DuplicateUserName) => "the e-mail address is taken by another account.",
        _ => e.Description,
    };

    private static void Check(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"Could not {what}: {string.Join(" ", result.Errors.Select(Describe))}");
        }
    }
}
