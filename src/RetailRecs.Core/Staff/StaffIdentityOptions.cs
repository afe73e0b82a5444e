using Microsoft.AspNetCore.Identity;

namespace RetailRecs.Core.Staff;

/// <summary>The password and lockout rules for staff accounts, shared by the web host, the CLI and the tests.</summary>
public static class StaffIdentityOptions
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public static void Apply(IdentityOptions options)
    {
        // Length matters more than character classes (NIST SP 800-63B); staff type on shared tablets, so keep it humane.
        options.Password.RequiredLength = 10;
        options.Password.RequireDigit = true;
        options.Password.RequireLowercase = true;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;

        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

        options.User.RequireUniqueEmail = true;
        // Accounts are made by admins, not by self-service sign-up, so there is no e-mail to confirm.
        options.SignIn.RequireConfirmedAccount = false;
    }
}
