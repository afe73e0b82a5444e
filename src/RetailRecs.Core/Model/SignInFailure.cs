namespace RetailRecs.Core.Model;

/// <summary>
/// One wrong password (or unknown account), kept for the sign-in throttle's window so every app instance sharing the
/// database counts the same failures. Holds no e-mail and no address: only hashes of them (see Staff.SignInThrottle).
/// </summary>
public class SignInFailure
{
    /// <summary>The length of a key: SHA-256, hex.</summary>
    public const int KeyLength = 64;

    public long Id { get; set; }
    /// <summary>Hash of the client address: failures per client, whatever the account.</summary>
    public string ClientKey { get; set; } = "";
    /// <summary>Hash of the client address and the account name: failures per client and account.</summary>
    public string AccountKey { get; set; } = "";
    public DateTime FailedAt { get; set; }
    /// <summary>
    /// Set when the same client then signed in to the same account: the failure still counts towards the window's
    /// limits, but no longer towards the streak that makes each next try wait longer.
    /// </summary>
    public bool StreakEnded { get; set; }
}
