using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// Recomputes the sales rollups of months marked dirty: at start (a database whose sales predate the rollups) and then
/// every <see cref="Interval"/>, for the sales the events API adds between imports (imports refresh their own months).
/// Until then the dashboard reads those months from the lines, so the interval costs speed, never correctness.
/// </summary>
public sealed class RollupWorker(IDbContextFactory<RetailDbContext> contexts, ILogger<RollupWorker> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            do
            {
                try
                {
                    var months = await SalesRollup.RefreshAsync(contexts, stoppingToken);
                    if (months > 0)
                    {
                        logger.LogInformation("Sales rollups refreshed for {Months} month(s).", months);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Busy database, or another instance refreshing the same month: the marks stay, next time.
                    logger.LogWarning(e, "Refreshing the sales rollups failed; trying again in {Interval}.", Interval);
                }
                await Task.Delay(Interval, stoppingToken);
            }
            while (!stoppingToken.IsCancellationRequested);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
