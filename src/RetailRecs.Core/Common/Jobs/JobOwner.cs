using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// Whether the process that runs a job (<see cref="ProcessOwner"/>) still does. A chain runs several app instances on one
/// database: a job still marked running may belong to another instance that is busy with it, not to a process that died.
/// A job is given up only when its owner is gone: on this machine, when its process no longer exists (so a restart marks
/// a crashed run at once); on another machine, when it has not beaten for <see cref="Expiry"/>. An owner with this
/// process's own id but another start mark is an earlier run of a restarted container, or a twin container with the same
/// host name: only its heartbeat tells which. Every app process beats every <see cref="Beat"/> while it lives.
/// </summary>
public static class JobOwner
{
    public static readonly TimeSpan Beat = TimeSpan.FromSeconds(30);
    /// <summary>Four missed beats: a long pause (garbage collection, a busy database) is not mistaken for a death.</summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);

    /// <summary>Records that this process is alive (one row per process, updated in place).</summary>
    public static async Task BeatAsync(RetailDbContext db, DateTime now, CancellationToken ct = default)
    {
        var owner = ProcessOwner.Current;
        if (await db.ProcessHeartbeats.Where(h => h.Owner == owner).ExecuteUpdateAsync(s => s.SetProperty(h => h.BeatAt, now), ct) == 0)
        {
            db.ProcessHeartbeats.Add(new ProcessHeartbeat { Owner = owner, BeatAt = now });
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two beats of this process met (the first one at start-up and the heartbeat loop's): if the row is
                // there, that is all a beat needs; anything else is a real failure.
                db.ChangeTracker.Clear();
                if (!await db.ProcessHeartbeats.AnyAsync(h => h.Owner == owner, ct))
                {
                    throw;
                }
            }
            db.ChangeTracker.Clear();
        }
        // Processes that stopped long ago leave their row behind; one day is far past any decision made on it.
        var forgotten = now.AddDays(-1);
        await db.ProcessHeartbeats.Where(h => h.BeatAt < forgotten).ExecuteDeleteAsync(ct);
    }

    /// <summary>The ids of running jobs whose owner is gone: these, and only these, may be marked interrupted.</summary>
    public static async Task<List<int>> AbandonedAsync<T>(RetailDbContext db, IQueryable<T> running, CancellationToken ct = default)
        where T : class, IOwnedJob
    {
        var jobs = await running.Select(j => new { j.Id, j.Owner }).ToListAsync(ct);
        if (jobs.Count == 0)
        {
            return [];
        }
        var cutoff = DateTime.UtcNow - Expiry;
        var beating = (await db.ProcessHeartbeats.Where(h => h.BeatAt > cutoff).Select(h => h.Owner).ToListAsync(ct)).ToHashSet();
        return jobs.Where(j => !IsAlive(j.Owner, beating)).Select(j => j.Id).ToList();
    }

    internal static bool IsAlive(string? owner, IReadOnlySet<string> beating)
    {
        if (owner is null)
        {
            return false; // recorded before owners were: only a single process ran then, and it has stopped
        }
        if (owner == ProcessOwner.Current)
        {
            return true;
        }
        if (ProcessOwner.Parse(owner) is { } named && named.Machine == Environment.MachineName && named.ProcessId != Environment.ProcessId)
        {
            return ProcessExists(named.ProcessId);
        }
        return beating.Contains(owner);
    }

    private static bool ProcessExists(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false; // no process with that id
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
