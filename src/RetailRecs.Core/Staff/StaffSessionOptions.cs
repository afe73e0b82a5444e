using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff;

/// <summary>The "Security:Sessions" settings: how long a signed-in session may last.</summary>
public sealed class StaffSessionOptions
{
    public const string Section = "Security:Sessions";

    /// <summary>A session ends this long after sign-in whatever happens, "Keep me signed in" included.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Associates: a session ends after this long without a request or a click (a working shift).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Managers and Admins see more (whole customer base, staff accounts): their idle sessions end sooner.</summary>
    public TimeSpan PrivilegedIdleTimeout { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often "last seen" is written; the idle limits are accurate to this.</summary>
    public TimeSpan LastSeenWriteInterval { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan IdleTimeoutFor(string role) =>
        role is StaffRoles.Manager or StaffRoles.Admin ? PrivilegedIdleTimeout : IdleTimeout;
}
