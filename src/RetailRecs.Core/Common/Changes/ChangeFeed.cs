using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Common.Changes;

/// <summary>
/// Changes across app instances, through the database they share (no other infrastructure): the instance that stores a
/// sale, promotes a model, revokes a key or locks a staff account writes a <see cref="ChangeNotice"/>; every instance
/// reads the others' new notices every second (<see cref="PollAsync"/>, run by the host) and hands them to the
/// <see cref="IChangeListener"/>s, which act as if the change had happened there.
/// A notice is written after what it announces is committed, by its own statement: should it be lost (the process dies
/// in between), the change is stored all the same and the other instances catch up by their own periodic re-checks.
/// </summary>
public sealed class ChangeFeed(IDbContextFactory<RetailDbContext> contexts, IServiceProvider services, TimeProvider time, ILogger<ChangeFeed> logger)
{
    /// <summary>How often the host polls: changes reach the other instances within about this (the target is 5 s).</summary>
    public static readonly TimeSpan PollEvery = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Notices are read again for this long: on a server, a transaction that took its id earlier can commit after a
    /// later one, so "ids above the last seen" alone would miss it. Also covers instances' clocks a little apart.
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Long enough for every instance to have read a notice (they read every second, and two minutes back); short, because
    /// a chain's tills send hundreds of sales a second and every one leaves a row.
    /// </summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    private const int MaxPerPoll = 5_000;

    /// <summary>This instance, as written in its notices (random per instance: two instances in one process differ).</summary>
    public string Origin { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private readonly Lock _gate = new();
    private long? _seenThrough;
    private readonly Dictionary<long, DateTime> _handled = [];
    private DateTime _cleanedAt = DateTime.MinValue;
    // Resolved on first use: listeners are services that publish here themselves.
    private IReadOnlyList<IChangeListener>? _listeners;

    private IReadOnlyList<IChangeListener> Listeners => _listeners ??= services.GetServices<IChangeListener>().ToList();

    /// <summary>One change; see <see cref="TryPublishAsync(IReadOnlyCollection{ValueTuple{string, int}}, CancellationToken)"/>.</summary>
    public Task<bool> TryPublishAsync(string kind, int subjectId, CancellationToken ct = default) => TryPublishAsync([(kind, subjectId)], ct);

    /// <summary>
    /// Tells this instance's listeners and the other instances of these changes (after the caller committed them). False
    /// when the notices could not be written: the change itself is stored, so the caller reports success all the same.
    /// </summary>
    public async Task<bool> TryPublishAsync(IReadOnlyCollection<(string Kind, int SubjectId)> changes, CancellationToken ct = default)
    {
        if (changes.Count == 0)
        {
            return true;
        }
        var now = time.GetUtcNow().UtcDateTime;
        var notices = changes.Distinct().Select(c => new ChangeNotice { Kind = c.Kind, SubjectId = c.SubjectId, Origin = Origin, At = now }).ToList();
        var written = true;
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            db.ChangeNotices.AddRange(notices);
            await db.SaveChangesAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            written = false;
        }
        await TellAsync(notices, fromThisInstance: true, ct);
        return written;
    }

    /// <summary>Acts on the other instances' new notices; returns how many. The first call only notes where the feed stands.</summary>
    public async Task<int> PollAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - Lookback;
        if (_seenThrough is not { } seen)
        {
            // What was announced before this instance looked is already in what it reads from the database: the
            // lookback must not replay it.
            var before = await db.ChangeNotices.AsNoTracking().Where(n => n.At >= since).Select(n => new { n.Id, n.At }).ToListAsync(ct);
            lock (_gate)
            {
                foreach (var n in before)
                {
                    _handled[n.Id] = n.At;
                }
            }
            _seenThrough = await db.ChangeNotices.MaxAsync(n => (long?)n.Id, ct) ?? 0;
            return 0;
        }
        var origin = Origin;
        var notices = await db.ChangeNotices.AsNoTracking()
            .Where(n => n.Origin != origin && (n.Id > seen || n.At >= since))
            .OrderBy(n => n.Id).Take(MaxPerPoll).ToListAsync(ct);
        List<ChangeNotice> fresh;
        lock (_gate)
        {
            fresh = notices.Where(n => !_handled.ContainsKey(n.Id)).ToList();
            foreach (var n in fresh)
            {
                _handled[n.Id] = n.At;
            }
            foreach (var old in _handled.Where(h => h.Value < since && h.Key <= seen).Select(h => h.Key).ToList())
            {
                _handled.Remove(old);
            }
            if (notices.Count > 0)
            {
                _seenThrough = Math.Max(seen, notices[^1].Id);
            }
        }
        await TellAsync(fresh, fromThisInstance: false, ct);

        if (now - _cleanedAt >= TimeSpan.FromMinutes(1))
        {
            _cleanedAt = now;
            var before = now - KeepFor;
            await db.ChangeNotices.Where(n => n.At < before).ExecuteDeleteAsync(ct);
        }
        return fresh.Count;
    }

    private async Task TellAsync(IReadOnlyList<ChangeNotice> notices, bool fromThisInstance, CancellationToken ct)
    {
        if (notices.Count == 0)
        {
            return;
        }
        foreach (var listener in Listeners)
        {
            try
            {
                await listener.OnChangesAsync(notices, fromThisInstance, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One listener failing (a busy database) must not keep the change from the others; each also re-checks on its own.
                logger.LogWarning(e, "{Listener} could not act on {Count} change notice(s)", listener.GetType().Name, notices.Count);
            }
        }
    }
}
