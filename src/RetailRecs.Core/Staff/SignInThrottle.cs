using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Staff;

/// <summary>
/// Slows password guessing without locking accounts (an outsider could otherwise lock out every admin): failures are
/// counted per client address and per client address and account over a sliding window, and failures in a row on one
/// account make each next try wait longer. Only failures count, so a busy store's tablets signing in correctly never
/// wait. The failures are rows in the database (<see cref="SignInFailure"/>), so every app instance behind a load
/// balancer counts the same ones: an attacker gets one allowance, not one per instance.
/// </summary>
/// <remarks>
/// When the database is away the throttle's queries fail and the sign-in fails with them (the storage-fault page):
/// it fails closed. Failing open would gain nothing, since checking a password needs the database too, and would let
/// uncounted guesses through as soon as a read failed on its own.
/// </remarks>
public sealed class SignInThrottle(IDbContextFactory<RetailDbContext> contexts, IOptions<SignInThrottleOptions> options, TimeProvider time)
{
    private SignInThrottleOptions Limits => options.Value;

    /// <summary>How long this client must wait before trying this account again; null when it may try now.</summary>
    public async Task<TimeSpan?> RetryAfterAsync(string client, string account, CancellationToken ct = default)
    {
        var (clientKey, accountKey) = (ClientKey(client), AccountKey(client, account));
        var now = Now;
        var since = now - Limits.Window;
        await using var db = await contexts.CreateDbContextAsync(ct);
        var waits = new[]
        {
            await WindowWaitAsync(db.SignInFailures.Where(f => f.ClientKey == clientKey), Limits.FailuresPerClient, since, ct),
            await WindowWaitAsync(db.SignInFailures.Where(f => f.AccountKey == accountKey), Limits.FailuresPerAccount, since, ct),
            await StreakWaitAsync(db, accountKey, since, now, ct),
        };
        return waits.Max() is { } wait && wait > TimeSpan.Zero ? wait : null;
    }

    public async Task FailedAsync(string client, string account, CancellationToken ct = default)
    {
        var now = Now;
        await using var db = await contexts.CreateDbContextAsync(ct);
        db.SignInFailures.Add(new SignInFailure { ClientKey = ClientKey(client), AccountKey = AccountKey(client, account), FailedAt = now });
        await db.SaveChangesAsync(ct);
        // Failures older than the window count for nothing: whichever instance records a failure drops them.
        var expired = now - Limits.Window;
        await db.SignInFailures.Where(f => f.FailedAt < expired).ExecuteDeleteAsync(ct);
    }

    /// <summary>Ends this client's streak on this account; its failures still count towards the window's limits.</summary>
    public async Task SucceededAsync(string client, string account, CancellationToken ct = default)
    {
        var accountKey = AccountKey(client, account);
        await using var db = await contexts.CreateDbContextAsync(ct);
        await db.SignInFailures.Where(f => f.AccountKey == accountKey && !f.StreakEnded)
            .ExecuteUpdateAsync(u => u.SetProperty(f => f.StreakEnded, true), ct);
    }

    /// <summary>
    /// Once <paramref name="limit"/> failures fall in the window, the wait until the oldest of the latest
    /// <paramref name="limit"/> leaves it (then one more try is allowed).
    /// </summary>
    private static async Task<TimeSpan?> WindowWaitAsync(IQueryable<SignInFailure> failures, int limit, DateTime since,
        CancellationToken ct)
    {
        var oldestOfLimit = await failures.Where(f => f.FailedAt > since).OrderByDescending(f => f.FailedAt)
            .Skip(Math.Max(limit, 1) - 1).Select(f => (DateTime?)f.FailedAt).FirstOrDefaultAsync(ct);
        return oldestOfLimit is { } at ? at - since : null;
    }

    /// <summary>After <see cref="SignInThrottleOptions.FailuresBeforeDelay"/> failures in a row: 1 s after the last, then 2 s, 4 s, ...</summary>
    private async Task<TimeSpan?> StreakWaitAsync(RetailDbContext db, string accountKey, DateTime since, DateTime now, CancellationToken ct)
    {
        var streak = db.SignInFailures.Where(f => f.AccountKey == accountKey && !f.StreakEnded && f.FailedAt > since);
        var failures = await streak.CountAsync(ct);
        if (failures < Limits.FailuresBeforeDelay)
        {
            return null;
        }
        var lastAt = await streak.MaxAsync(f => f.FailedAt, ct);
        var doublings = Math.Min(failures - Limits.FailuresBeforeDelay, 20);
        var delay = TimeSpan.FromSeconds(Math.Pow(2, doublings));
        delay = delay < Limits.MaxDelay ? delay : Limits.MaxDelay;
        return lastAt + delay - now;
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    // Hashes, so the table holds no address or e-mail in clear; it keeps them for one window only.
    private static string ClientKey(string client) => Hash("client\n" + client);

    private static string AccountKey(string client, string account) => Hash("account\n" + client + "\n" + account.Trim().ToUpperInvariant());

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
