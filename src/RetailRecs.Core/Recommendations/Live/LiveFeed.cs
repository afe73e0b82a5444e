using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Recommendations.Live;

/// <summary>
/// Live updates across app instances, through the database they share (no other infrastructure): the instance that
/// stores a sale or changes a customer writes a <see cref="ChangeNotice"/>; every other instance reads the new notices
/// every second (<see cref="PollAsync"/>, run by the host) and acts as if the change had reached it: the sale goes into
/// its <see cref="LiveUpdates"/> (suggestions move at once) and the customer's open cards list again.
/// A notice is written after what it announces is committed, by its own statement: should it be lost (the process dies
/// in between), the sale is stored all the same and only the other instances' live refresh is missed.
/// </summary>
public sealed class LiveFeed(IDbContextFactory<RetailDbContext> contexts, LiveUpdates live, TimeProvider time)
{
    public const string SaleKind = "sale";
    public const string CustomerKind = "customer";

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

    /// <summary>This instance, as written in its notices (random per process: two instances on one machine differ).</summary>
    public string Origin { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    private readonly Lock _gate = new();
    private long? _seenThrough;
    private readonly Dictionary<long, DateTime> _handled = [];
    private DateTime _cleanedAt = DateTime.MinValue;

    /// <summary>
    /// Tells the other instances of these changes (after the caller committed them). False when the notices could not
    /// be written: the change itself is stored, so the caller reports success all the same.
    /// </summary>
    public async Task<bool> TryPublishAsync(IReadOnlyCollection<(string Kind, int SubjectId)> changes, CancellationToken ct = default)
    {
        if (changes.Count == 0)
        {
            return true;
        }
        try
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var now = time.GetUtcNow().UtcDateTime;
            db.ChangeNotices.AddRange(changes.Distinct().Select(c => new ChangeNotice { Kind = c.Kind, SubjectId = c.SubjectId, Origin = Origin, At = now }));
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Acts on the other instances' new notices; returns how many. The first call only notes where the feed stands.</summary>
    public async Task<int> PollAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().UtcDateTime;
        if (_seenThrough is not { } seen)
        {
            _seenThrough = await db.ChangeNotices.MaxAsync(n => (long?)n.Id, ct) ?? 0;
            return 0;
        }
        var since = now - Lookback;
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

        var orderIds = fresh.Where(n => n.Kind == SaleKind).Select(n => n.SubjectId).Distinct().ToList();
        if (orderIds.Count > 0)
        {
            var lines = await db.Orders.AsNoTracking().Where(o => orderIds.Contains(o.Id) && !o.IsCancellation)
                .SelectMany(o => o.Lines.Where(l => l.Quantity > 0), (o, l) => new { o.Id, o.CustomerId, o.PlacedOn, l.ProductId, l.Quantity })
                .ToListAsync(ct);
            foreach (var order in lines.GroupBy(l => l.Id))
            {
                var first = order.First();
                // AddSale tells the customer's open cards, as the instance that stored the sale did.
                live.AddSale(first.CustomerId, first.PlacedOn.DayNumber,
                    order.GroupBy(l => l.ProductId).ToDictionary(g => g.Key, g => (float)g.Sum(l => l.Quantity)));
            }
        }
        foreach (var customerId in fresh.Where(n => n.Kind == CustomerKind).Select(n => n.SubjectId).Distinct())
        {
            live.Notify(customerId);
        }

        if (now - _cleanedAt >= TimeSpan.FromMinutes(1))
        {
            _cleanedAt = now;
            var before = now - KeepFor;
            await db.ChangeNotices.Where(n => n.At < before).ExecuteDeleteAsync(ct);
        }
        return fresh.Count;
    }
}
