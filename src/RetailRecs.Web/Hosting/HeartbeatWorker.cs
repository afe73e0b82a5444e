using RetailRecs.Core.Jobs;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// Keeps this instance's heartbeat on the database and marks crashed instances' jobs interrupted (see JobOwner), every
/// "Jobs:BeatEvery" (30 s by default).
/// </summary>
public sealed class HeartbeatWorker(ProcessHeartbeats heartbeats, IConfiguration config) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await heartbeats.RunAsync(sweep: true, stoppingToken, config.GetValue<TimeSpan?>("Jobs:BeatEvery"));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
