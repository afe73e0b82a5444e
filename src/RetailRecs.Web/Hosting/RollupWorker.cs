using RetailRecs.Core.Analytics.Rollups;

namespace RetailRecs.Web.Hosting;

/// <summary>Hosts the sales rollups' background refresh (see RollupRefresher).</summary>
public sealed class RollupWorker(RollupRefresher refresher) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await refresher.RunAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
