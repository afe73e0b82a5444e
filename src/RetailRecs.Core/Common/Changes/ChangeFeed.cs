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
    /// How long a missing id is looked for again: on a server, a transaction that took its id earlier can commit after a
    /// later one, so "ids above the last seen" alone would miss it. Ids skipped by a poll are kept as gaps and read again
    /// until they appear or this long has passed (a rolled-back insert leaves a gap for good).
    /// </summary>
    public static readonly TimeSpan Lookback = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Long enough for every instance to have read a notice (they read every second); short, because a chain's tills send
    /// hundreds of sales a second and every one leaves a row.
    /// </summary>
    public static readonly TimeSpan KeepFor = TimeSpan.FromMinutes(10);

    /// <summary>A poll reads at most this many; a backlog is read over the next polls, oldest first.</summary>
    internal const int MaxPerPoll = 5_000;

    /// <summary>Beyond this, a jump in ids is a reseeded identity (SQL Server jumps by 1,000 after a restart), not gaps.</summary>
    private const int MaxGapsPerPoll = 2_000;

    /// <summary>This instance, as written in its notices (random per instance: two instances in one process differ).</summary>
    public string Origin { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private readonly Lock _gate = new();
    private long? _seenThrough;
    // Ids below _seenThrough not read yet (a transaction still open when they were skipped), with when they were first missed.
    private readonly Dictionary<long, DateTime> _gaps = [];
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
            // Not cancelled by the caller: the change is committed, so it must be announced.
            await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
            db.ChangeNotices.AddRange(notices);
            await db.SaveChangesAsync(CancellationToken.None);
        }
        catch (Exception)
        {
            written = false;
        }
        await TellAsync(notices, fromThisInstance: true, CancellationToken.None);
        return written;
    }

    /// <summary>Acts on the other instances' new notices; returns how many. The first call only notes where the feed stands.</summary>
    public async Task<int> PollAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (_seenThrough is not { } seen)
        {
            // What was announced before this instance looked is already in what it reads from the database.
            _seenThrough = await db.ChangeNotices.MaxAsync(n => (long?)n.Id, ct) ?? 0;
            return 0;
        }
        List<long> gaps;
        lock (_gate)
        {
            foreach (var expired in _gaps.Where(g => now - g.Value > Lookback).Select(g => g.Key).ToList())
            {
                _gaps.Remove(expired);
            }
            gaps = [.. _gaps.Keys];
        }
        // Every notice, this instance's own too: only then is an id missing from the sequence a gap.
        var read = await db.ChangeNotices.AsNoTracking()
            .Where(n => n.Id > seen || gaps.Contains(n.Id))
            .OrderBy(n => n.Id).Take(MaxPerPoll).ToListAsync(ct);
        lock (_gate)
        {
            foreach (var n in read)
            {
                _gaps.Remove(n.Id);
            }
            var newer = read.Where(n => n.Id > seen).Select(n => n.Id).ToList();
            if (newer.Count > 0)
            {
                var last = newer[^1];
                if (last - seen - newer.Count is > 0 and <= MaxGapsPerPoll)
                {
                    var present = newer.ToHashSet();
                    for (var id = seen + 1; id < last; id++)
                    {
                        if (!present.Contains(id))
                        {
                            _gaps.TryAdd(id, now);
                        }
                    }
                }
                _seenThrough = last;
            }
        }
        var fresh = read.Where(n => n.Origin != Origin).ToList();
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
