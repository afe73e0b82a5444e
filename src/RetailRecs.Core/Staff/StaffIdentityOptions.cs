using Microsoft.AspNetCore.Identity;

namespace RetailRecs.Core.Staff;

/// <summary>The password and lockout rules for staff accounts, shared by the web host, the CLI and the tests.</summary>
public static class StaffIdentityOptions
{
    public const int MinimumPasswordLength = 12;

    /// <summary>Wrong two-factor codes in a row that lock an account (wrong passwords never do).</summary>
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>The rule in words, for the pages where a password is chosen.</summary>
    public const string PasswordRuleText =
        "At least 12 characters; any characters you like. Common or breached passwords, and ones containing your email name, are refused. A short sentence works well.";

    public static void Apply(IdentityOptions options)
    {
        // NIST SP 800-63B: length, a list of common and breached passwords (StaffPasswordValidator), and no composition
        // rules. Four different characters keeps out "aaaaaaaaaaaa" without asking for digits or capitals.
        options.Password.RequiredLength = MinimumPasswordLength;
        options.Password.RequireDigit = false;
        options.Password.RequireLowercase = false;
        options.Password.RequireUppercase = false;
        options.Password.RequireNonAlphanumeric = false;
        options.Password.RequiredUniqueChars = 4;

        // Wrong passwords never lock an account (anyone could then lock out the admins); sign-in is throttled per
        // client instead (the web host's SignInThrottle). Admin-set locks (LockoutEnd) still refuse sign-in. Wrong
        // two-factor codes do lock: only someone who has the password gets that far, and the lock stops them trying
        // all million codes.
        options.Lockout.AllowedForNewUsers = true;
        options.Lockout.MaxFailedAccessAttempts = MaxFailedAttempts;
        options.Lockout.DefaultLockoutTimeSpan = LockoutDuration;

        options.User.RequireUniqueEmail = true;
        // The user name is the e-mail address, which may hold an apostrophe or a letter with an accent (o'neill@,
        // zoë@): Identity's default list (ASCII letters, digits, -._@+) refused those staff an account. Empty: any
        // character; the address itself is checked as an e-mail.
        options.User.AllowedUserNameCharacters = "";
        // Accounts are made by admins, not by self-service sign-up, so there is no e-mail to confirm.
        options.SignIn.RequireConfirmedAccount = false;
    }
}
