using System.Threading.RateLimiting;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace RetailRecs.Web.Components.Account;

/// <summary>
/// Slows password guessing without locking accounts (an outsider could otherwise lock out every admin): failures are
/// counted per client address and per client address and account by sliding-window rate limiters, and failures in a
/// row on one account make each next try wait longer. Only failures count, so a busy store's tablets signing in
/// correctly never wait. In memory, per app instance: behind several instances an attacker gets each one's allowance.
/// </summary>
internal sealed class SignInThrottle : IDisposable
{
    private readonly SignInThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<string> _perClient;
    private readonly PartitionedRateLimiter<string> _perAccount;
    private readonly MemoryCache _streaks = new(new MemoryCacheOptions());

    public SignInThrottle(IOptions<SignInThrottleOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        _perClient = Limiter(_options.FailuresPerClient);
        _perAccount = Limiter(_options.FailuresPerAccount);
    }

    /// <summary>How long this client must wait before trying this account again; null when it may try now.</summary>
    public TimeSpan? RetryAfter(string client, string account)
    {
        var key = AccountKey(client, account);
        var waits = new[] { Exhausted(_perClient, client), Exhausted(_perAccount, key), StreakDelay(key) };
        return waits.Max() is { } wait && wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string client, string account)
    {
        var key = AccountKey(client, account);
        // The leases are not returned: a window limiter's permits come back when the window moves on.
        _perClient.AttemptAcquire(client).Dispose();
        _perAccount.AttemptAcquire(key).Dispose();
        var streak = _streaks.Get<Streak>(key) ?? new Streak();
        _streaks.Set(key, streak with { Failures = streak.Failures + 1, LastAt = _time.GetUtcNow() }, _options.Window);
    }

    public void Succeeded(string client, string account) => _streaks.Remove(AccountKey(client, account));

    public void Dispose()
    {
        _perClient.Dispose();
        _perAccount.Dispose();
        _streaks.Dispose();
    }

    private sealed record Streak(int Failures = 0, DateTimeOffset LastAt = default);

    private TimeSpan? StreakDelay(string key)
    {
        if (_streaks.Get<Streak>(key) is not { } streak || streak.Failures < _options.FailuresBeforeDelay)
        {
            return null;
        }
        var doublings = Math.Min(streak.Failures - _options.FailuresBeforeDelay, 20);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, doublings));
        delay = delay < _options.MaxDelay ? delay : _options.MaxDelay;
        return streak.LastAt + delay - _time.GetUtcNow();
    }

    private static TimeSpan? Exhausted(PartitionedRateLimiter<string> limiter, string key)
    {
        // Asking for zero permits tells whether any are left without using one.
        using var lease = limiter.AttemptAcquire(key, 0);
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromMinutes(1);
    }

    private static string AccountKey(string client, string account) => client + "\n" + account.Trim().ToUpperInvariant();

    private PartitionedRateLimiter<string> Limiter(int failures) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetSlidingWindowLimiter(key, _ =>
            new SlidingWindowRateLimiterOptions
            {
                PermitLimit = failures,
                Window = _options.Window,
                SegmentsPerWindow = 15,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
}
