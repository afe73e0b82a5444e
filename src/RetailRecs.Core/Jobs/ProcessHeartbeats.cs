using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// This process's heartbeat on the database, and the sweep that marks other processes' abandoned jobs interrupted: an
/// instance that crashed leaves its import or training "running" until a living instance notices it is gone, instead
/// of until someone restarts the app.
/// </summary>
public sealed class ProcessHeartbeats(IServiceProvider services, IDbContextFactory<RetailDbContext> contexts, TimeProvider time,
    ILogger<ProcessHeartbeats> logger)
{
    /// <summary>
    /// Beats every <paramref name="every"/> (<see cref="JobOwner.Beat"/> by default) until stopped; with
    /// <paramref name="sweep"/>, sweeps at every beat too (the start-up sweep is the app's, before it serves: see
    /// DatabaseInitialiser). A sweep is four small reads, and a crashed process's jobs are marked within one beat.
    /// </summary>
    public async Task RunAsync(bool sweep, CancellationToken ct, TimeSpan? every = null)
    {
        using var timer = new PeriodicTimer(every ?? JobOwner.Beat, time);
        do
        {
            var now = time.GetUtcNow().UtcDateTime;
            try
            {
                await using (var db = await contexts.CreateDbContextAsync(ct))
                {
                    await JobOwner.BeatAsync(db, now, ct);
                }
                if (sweep)
                {
                    await SweepAsync(ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Busy (a long import holds SQLite's write lock) or the server briefly unreachable: the next beat tries
                // again. The loop must outlive any one failure, or this process's jobs would look abandoned.
                logger.LogWarning(e, "Heartbeat skipped");
            }
        }
        while (await timer.WaitForNextTickAsync(ct));
    }

    /// <summary>Marks every kind of job interrupted whose process is gone (see <see cref="JobRunner.MarkInterruptedAsync"/>).</summary>
    public Task SweepAsync(CancellationToken ct = default) => services.GetRequiredService<JobRunner>().MarkInterruptedAsync(ct);
}
