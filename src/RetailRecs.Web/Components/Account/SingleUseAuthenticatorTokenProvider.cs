using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using RetailRecs.Core.Model;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Identity's authenticator (TOTP) check, with each code accepted once (RFC 6238 §5.2). Identity alone accepts a code
/// again and again while it is valid (its own step and two either side for clock drift, about 2½ minutes): someone
/// who watched a code typed on a shared store tablet, and knows the password, could sign in with it too.
/// The codes accepted in that window are kept, hashed, as one of the account's Identity tokens (no new table), and
/// writing them goes through the account's concurrency stamp, so two instances that accept the same code at the same
/// moment cannot both succeed: the second write fails and its sign-in is refused.
/// </summary>
internal sealed class SingleUseAuthenticatorTokenProvider : AuthenticatorTokenProvider<StaffUser>
{
    public const string TokenProvider = "RetailRecs";
    public const string TokenName = "UsedAuthenticatorCodes";

    /// <summary>Longer than any code stays valid (five 30-second steps), so no valid code is forgotten too early.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(3);

    private readonly TimeProvider _time;

    public SingleUseAuthenticatorTokenProvider(TimeProvider time) => _time = time;

    public override async Task<bool> ValidateAsync(string purpose, string token, UserManager<StaffUser> manager, StaffUser user)
    {
        if (!await base.ValidateAsync(purpose, token, manager, user))
        {
            return false;
        }
        var now = _time.GetUtcNow();
        var used = UsedCodes.Parse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, TokenName), now - Remembered);
        var hash = Hash(user.Id, token);
        if (used.ContainsKey(hash))
        {
            return false;
        }
        used[hash] = now;
        var stored = await manager.SetAuthenticationTokenAsync(user, TokenProvider, TokenName, UsedCodes.Format(used));
        return stored.Succeeded;
    }

    /// <summary>Codes are six digits; hashed with the account id, so the stored list reads as nothing.</summary>
    private static string Hash(string userId, string code) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{userId}:{code}")), 0, 16);

    /// <summary>"hash@unix-seconds" entries separated by ';', only those still within the remembered window.</summary>
    private static class UsedCodes
    {
        public static Dictionary<string, DateTimeOffset> Parse(string? text, DateTimeOffset keepAfter)
        {
            var codes = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var entry in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var parts = entry.Split('@');
                if (parts.Length == 2 && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                    && DateTimeOffset.FromUnixTimeSeconds(seconds) is var at && at > keepAfter)
                {
                    codes[parts[0]] = at;
                }
            }
            return codes;
        }

        public static string Format(Dictionary<string, DateTimeOffset> codes) =>
            string.Join(';', codes.Select(c => $"{c.Key}@{c.Value.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}"));
    }
}
