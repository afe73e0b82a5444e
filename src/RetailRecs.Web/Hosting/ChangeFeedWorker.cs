using RetailRecs.Core.Common.Changes;

namespace RetailRecs.Web.Hosting;

/// <summary>Follows the other instances' changes every second (see ChangeFeed).</summary>
public sealed class ChangeFeedWorker(ChangeFeed feed, TimeProvider time, ILogger<ChangeFeedWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(ChangeFeed.PollEvery, time);
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
                    logger.LogWarning(e, "Change feed poll skipped");
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
