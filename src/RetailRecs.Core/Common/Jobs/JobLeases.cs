using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// Leases in the database (<see cref="JobLease"/>) for jobs that must run once across every app instance and command-line
/// run sharing it: whoever holds "training" trains, the others wait or refuse. A lease lasts <see cref="Lifetime"/> and
/// its holder renews it every <see cref="RenewEvery"/> while the job runs, so a holder that dies (or loses the database)
/// lets go within a minute; one known to be gone (<see cref="JobOwner"/>: its process no longer exists on this machine,
/// or it stopped beating) is replaced at once.
/// </summary>
public sealed class JobLeases(IDbContextFactory<RetailDbContext> contexts, TimeProvider time, ILogger<JobLeases> logger)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(15);
    /// <summary>How often a waiting job asks again.</summary>
    public static readonly TimeSpan WaitStep = TimeSpan.FromSeconds(2);

    private TimeProvider Time => time;
    private ILogger Logger => logger;

    /// <summary>This process, as written in the leases it holds (tests set another to play a second instance).</summary>
    public string Holder { get; init; } = ProcessOwner.Current;

    /// <summary>Takes the lease if it is free, expired, ours, or held by a process that is gone; otherwise returns who holds it.</summary>
    /// <exception cref="StorageUnavailableException">The database is busy, full or unreachable (in words for the user).</exception>
    public async Task<(Lease? Lease, JobLease? HeldBy)> TryAcquireAsync(string name, CancellationToken ct = default)
    {
        try
        {
            return await AcquireAsync(name, ct);
        }
        catch (Exception e) when (StorageFaults.Describe(e) is { } fault)
        {
            throw fault;
        }
    }

    private async Task<(Lease? Lease, JobLease? HeldBy)> AcquireAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = Now;
        var holder = Holder;
        if (await TakeAsync(db, db.JobLeases.Where(l => l.Name == name && (l.Holder == holder || l.ExpiresAt < now)), now, ct))
        {
            return (Start(name), null);
        }
        var current = await db.JobLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, ct);
        if (current is null)
        {
            db.JobLeases.Add(new JobLease { Name = name, Holder = holder, AcquiredAt = now, ExpiresAt = now + Lifetime });
            try
            {
                await db.SaveChangesAsync(ct);
                return (Start(name), null);
            }
            catch (DbUpdateException)
            {
                // Another instance inserted it first (the key refused ours): it is theirs. Any other failure is not a refusal.
                db.ChangeTracker.Clear();
                current = await db.JobLeases.AsNoTracking().FirstOrDefaultAsync(l => l.Name == name, ct);
                if (current is null)
                {
                    throw;
                }
            }
        }
        var since = now - JobOwner.Expiry;
        var beating = (await db.ProcessHeartbeats.Where(h => h.BeatAt > since).Select(h => h.Owner).ToListAsync(ct)).ToHashSet();
        if (!JobOwner.IsAlive(current.Holder, beating)
            && await TakeAsync(db, db.JobLeases.Where(l => l.Name == name && l.Holder == current.Holder && l.AcquiredAt == current.AcquiredAt), now, ct))
        {
            logger.LogWarning("Lease {Lease} taken over from {Holder}, which has stopped", name, current.Holder);
            return (Start(name), null);
        }
        return (null, current);
    }

    /// <summary>
    /// Waits until the lease is ours; <paramref name="waiting"/> hears who holds it each time that changes (to tell the
    /// user). Cancelling stops the wait.
    /// </summary>
    public async Task<Lease> WaitAsync(string name, Action<JobLease>? waiting = null, CancellationToken ct = default)
    {
        string? told = null;
        while (true)
        {
            var (lease, heldBy) = await TryAcquireAsync(name, ct);
            if (lease is not null)
            {
                return lease;
            }
            if (heldBy is not null && heldBy.Holder != told)
            {
                told = heldBy.Holder;
                waiting?.Invoke(heldBy);
            }
            await Task.Delay(WaitStep, time, ct);
        }
    }

    /// <summary>
    /// Claims a one-off name (a scheduled run of one day) for good: true for exactly one caller across the instances,
    /// false for every other. Claims older than <paramref name="keep"/> are cleared.
    /// </summary>
    public async Task<bool> TryClaimOnceAsync(string name, TimeSpan keep, CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var now = Now;
        var claim = "once:" + name;
        db.JobLeases.Add(new JobLease { Name = claim, Holder = Holder, AcquiredAt = now, ExpiresAt = now + keep });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            if (await ClaimedAsync(claim))
            {
                return false; // the key refused ours: another instance claimed it
            }
            throw;
        }
        try
        {
            await db.JobLeases.Where(l => l.Name.StartsWith("once:") && l.ExpiresAt < now).ExecuteDeleteAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogDebug(e, "Old claims not cleared this time");
        }
        return true;

        async Task<bool> ClaimedAsync(string key)
        {
            await using var check = await contexts.CreateDbContextAsync(CancellationToken.None);
            return await check.JobLeases.AnyAsync(l => l.Name == key, CancellationToken.None);
        }
    }

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    private async Task<bool> TakeAsync(RetailDbContext db, IQueryable<JobLease> which, DateTime now, CancellationToken ct)
    {
        var holder = Holder;
        var until = now + Lifetime;
        return await which.ExecuteUpdateAsync(s => s
            .SetProperty(l => l.Holder, holder)
            .SetProperty(l => l.AcquiredAt, now)
            .SetProperty(l => l.ExpiresAt, until), ct) == 1;
    }

    private Lease Start(string name) => new(this, name);

    private async Task<bool> RenewAsync(string name)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var holder = Holder;
        var until = Now + Lifetime;
        return await db.JobLeases.Where(l => l.Name == name && l.Holder == holder)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.ExpiresAt, until)) == 1;
    }

    private async Task ReleaseAsync(string name)
    {
        await using var db = await contexts.CreateDbContextAsync();
        var holder = Holder;
        await db.JobLeases.Where(l => l.Name == name && l.Holder == holder).ExecuteDeleteAsync();
    }

    /// <summary>
    /// A lease held: renewed in the background until disposed, then released. <see cref="Lost"/> fires when another
    /// instance took it (it expired while this one could not renew): the job stops rather than run twice.
    /// </summary>
    public sealed class Lease : IAsyncDisposable
    {
        private readonly JobLeases _leases;
        private readonly CancellationTokenSource _stop = new();
        private readonly CancellationTokenSource _lost = new();
        private readonly Task _renewing;
        private int _disposed;

        public string Name { get; }

        /// <summary>Cancelled when the lease is no longer this holder's.</summary>
        public CancellationToken Lost => _lost.Token;

        internal Lease(JobLeases leases, string name)
        {
            _leases = leases;
            Name = name;
            _renewing = RenewAsync();
        }

        private async Task RenewAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(RenewEvery, _leases.Time, _stop.Token);
                    if (!await _leases.RenewAsync(Name))
                    {
                        _leases.Logger.LogWarning("Lease {Lease} was lost: it expired and another instance took it; the job stops", Name);
                        await _lost.CancelAsync();
                        return;
                    }
                }
                catch (OperationCanceledException) when (_stop.IsCancellationRequested)
                {
                    return; // released
                }
                catch (Exception e)
                {
                    // Busy or unreachable: the next renewal tries again. While the database cannot be written, no other
                    // instance can take the lease either.
                    _leases.Logger.LogWarning(e, "Lease {Lease} could not be renewed", Name);
                }
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 1)
            {
                return;
            }
            await _stop.CancelAsync();
            await _renewing;
            _stop.Dispose();
            _lost.Dispose();
            try
            {
                await _leases.ReleaseAsync(Name);
            }
            catch (Exception e)
            {
                // It expires on its own within a minute.
                _leases.Logger.LogWarning(e, "Lease {Lease} could not be released", Name);
            }
        }
    }
}
