namespace RetailRecs.Core.Model;

/// <summary>
/// One signed-in session of a member of staff. The sign-in cookie carries only its id; every request and every open
/// page checks that the session is still active, so signing out (or an admin's lock) ends every copy of the cookie.
/// </summary>
public class StaffSession
{
    /// <summary>Random and unguessable (32 hex digits); never shown or logged.</summary>
    public string Id { get; set; } = "";
    public string UserId { get; set; } = "";
    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;
    /// <summary>The last request or page interaction, written at most once a minute.</summary>
    public DateTime LastSeenAt { get; set; } = DateTime.UtcNow;
    public DateTime? EndedAt { get; set; }
    /// <summary>Why it ended: see <see cref="StaffSessionEndReasons"/>.</summary>
    public string? EndReason { get; set; }
    /// <summary>The address the sign-in came from, for the audit trail.</summary>
    public string? ClientAddress { get; set; }
}

/// <summary>The values of <see cref="StaffSession.EndReason"/>.</summary>
public static class StaffSessionEndReasons
{
    public const string SignedOut = "signed-out";
    public const string Idle = "idle";
    public const string Lifetime = "lifetime";
    public const string Replaced = "replaced";
    public const string Locked = "locked";
    public const string PasswordReset = "password-reset";
    /// <summary>An admin gave the account another role: the next sign-in carries it.</summary>
    public const string RoleChanged = "role-changed";
    public const string TwoFactorReset = "two-factor-reset";
}
