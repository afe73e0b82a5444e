namespace RetailRecs.Core.Staff;

/// <summary>The "Security:SignIn" settings: how many wrong passwords a client may try before it must wait.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "Security:SignIn";

    /// <summary>Failed sign-ins one client address may make per <see cref="Window"/>, whatever the accounts.</summary>
    public int FailuresPerClient { get; set; } = 30;

    /// <summary>Failed sign-ins one client address may make per <see cref="Window"/> for one account.</summary>
    public int FailuresPerAccount { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Failures in a row (one client, one account) before each further try must wait: 1 s, then 2 s, 4 s, ...</summary>
    public int FailuresBeforeDelay { get; set; } = 3;

    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromMinutes(2);
}
