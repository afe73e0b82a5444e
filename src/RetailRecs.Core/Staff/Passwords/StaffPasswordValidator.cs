using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff.Passwords;

/// <summary>
/// The NIST SP 800-63B checks besides length: refuses passwords that are common or breached, and passwords built
/// from the account's own name or the app's name. No composition rules (digits, capitals, symbols): they make
/// passwords harder to remember without making them harder to guess.
/// </summary>
public sealed class StaffPasswordValidator : IPasswordValidator<StaffUser>
{
    /// <summary>Words an attacker tries first against this app, whoever the user.</summary>
    private static readonly string[] AppWords = ["retailrecs", "retail-recs", "retail recs"];

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (string.IsNullOrEmpty(password))
        {
            return Task.FromResult(IdentityResult.Success);  // the length rule reports this one
        }
        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordCommon",
                Description = "That password is on a list of common or breached passwords. Choose another; a short sentence works well.",
            });
        }
        if (ContainsOwnName(password, user.Email ?? user.UserName))
        {
            errors.Add(new IdentityError
            {
                Code = "PasswordContainsName",
                Description = "A password must not contain the account's email name or the app's name.",
            });
        }
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    /// <summary>On the list as typed, or once digits and symbols around it are removed ("Football2026!" is "football").</summary>
    public static bool IsCommon(string password)
    {
        if (CommonPasswords.Contains(password))
        {
            return true;
        }
        var core = password.Trim(Decorations);
        return core.Length >= 4 && core.Length < password.Length && CommonPasswords.Contains(core);
    }

    private static bool ContainsOwnName(string password, string? email)
    {
        if (AppWords.Any(w => password.Contains(w, StringComparison.OrdinalIgnoreCase)))
        {
            return true;
        }
        var local = email?.Split('@')[0];
        // Very short local parts ("jo@...") would refuse too many good passwords by accident.
        return local is { Length: >= 3 } && password.Contains(local, StringComparison.OrdinalIgnoreCase);
    }

    private static readonly char[] Decorations = "0123456789!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~ ".ToCharArray();
}
