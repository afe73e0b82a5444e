using OtpNet;

namespace RetailRecs.Testing;

/// <summary>
/// Plays the phone's authenticator app: computes TOTP codes (RFC 6238: SHA-1, 6 digits, 30 s) from the shared key the
/// enrolment page shows, with Otp.NET rather than Identity's own code, so the test checks the app against the standard.
/// </summary>
public sealed class AuthenticatorApp(string sharedKey)
{
    private readonly Totp _totp = new(Base32Encoding.ToBytes(Normalise(sharedKey)));

    public string Key { get; } = Normalise(sharedKey);

    /// <summary>The key as an app stores it: the page shows it lower-case in groups of four.</summary>
    public static string Normalise(string shownKey) => shownKey.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();

    private readonly HashSet<string> _typed = [];

    /// <summary>
    /// The code a person types now: the app's current one, or, when that one was typed already (each code signs in
    /// once), the next step's, as if they had waited for it; the server accepts codes a step or two ahead for clock
    /// drift, so the test need not wait 30 seconds.
    /// </summary>
    public string CodeToType()
    {
        var now = DateTime.UtcNow;
        return Enumerable.Range(0, 3).Select(step => _totp.ComputeTotp(now.AddSeconds(30 * step))).First(_typed.Add);
    }

    /// <summary>
    /// A 6-digit code that is wrong right now: none of the codes of the steps a server may accept around now
    /// (Identity allows some clock drift), so the test cannot pass by luck.
    /// </summary>
    public string WrongCode()
    {
        var now = DateTime.UtcNow;
        var nearby = Enumerable.Range(-4, 9).Select(step => _totp.ComputeTotp(now.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(candidate => !nearby.Contains(candidate));
    }
}
