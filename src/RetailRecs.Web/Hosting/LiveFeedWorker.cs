using RetailRecs.Core.Recommendations.Live;

namespace RetailRecs.Web.Hosting;

/// <summary>Follows the other instances' sales and customer changes every second (see LiveFeed).</summary>
public sealed class LiveFeedWorker(LiveFeed feed, TimeProvider time, ILogger<LiveFeedWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LiveFeed.PollEvery, time);
        try
        {
            do
            {
                try
                {
                    await feed.PollAsync(stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Busy or briefly unreachable: the next poll reads what this one missed (by id).
                    logger.LogWarning(e, "Live feed poll skipped");
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping
        }
    }
}
