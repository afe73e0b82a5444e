using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// Keeps this instance's heartbeat on the database and marks crashed instances' jobs interrupted (see JobOwner), every
/// "Jobs:BeatEvery" (30 s by default).
/// </summary>
public sealed class HeartbeatWorker(ProcessHeartbeats heartbeats, IConfiguration config, ILogger<HeartbeatWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var every = config.GetValue<TimeSpan?>("Jobs:BeatEvery");
            if (every is { } e && (e <= TimeSpan.Zero || e > JobOwner.Expiry / 4))
            {
                // Beating less often than a quarter of the expiry would make other instances think this one died.
                logger.LogWarning("Jobs:BeatEvery {Every} is outside (0, {Max}]; using {Default}", e, JobOwner.Expiry / 4, JobOwner.Beat);
                every = null;
            }
            await heartbeats.RunAsync(sweep: true, stoppingToken, every);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
