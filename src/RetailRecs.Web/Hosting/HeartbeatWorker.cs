using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Jobs;

namespace RetailRecs.Web.Hosting;

/// <summary>Keeps this instance's heartbeat on the database and marks crashed instances' jobs interrupted (see JobOwner).</summary>
public sealed class HeartbeatWorker(ProcessHeartbeats heartbeats) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await heartbeats.RunAsync(sweep: true, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
