using RetailRecs.Core.Privacy.Retention;

namespace RetailRecs.Web.Hosting;

/// <summary>
/// The retention policy's daily run (Privacy:Retention:RunDaily, off by default). Every instance looks every few
/// minutes; from Privacy:Retention:DailyAtUtc on, the first to claim the day runs it (RetentionService.TryClaimDayAsync),
/// so a chain's several instances run it once, and an instance that was down at that hour catches up when it starts.
/// </summary>
public sealed class RetentionWorker(RetentionService retention, TimeProvider time, ILogger<RetentionWorker> logger) : BackgroundService
{
    private static readonly TimeSpan Look = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!retention.Policy.RunDaily)
        {
            return;
        }
        if (retention.Policy.Problem() is { } problem)
        {
            logger.LogError("Retention policy not applied: {Problem}", problem);
            return;
        }
        using var timer = new PeriodicTimer(Look, time);
        try
        {
            do
            {
                try
                {
                    if (await retention.RunDailyIfDueAsync(stoppingToken) is { } report)
                    {
                        // Counts only: the report holds no personal data.
                        logger.LogInformation("Retention run: {Customers} customers anonymised, {Events} events, {Exposures} exposures, {Audit} audit entries deleted in {Ms} ms",
                            report.CustomersAnonymised, report.InteractionsDeleted, report.ExposuresDeleted, report.AuditEntriesDeleted, report.Milliseconds);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Recorded as an interrupted run in the audit log when it got that far; tomorrow's run does the rest.
                    logger.LogError(e, "Retention run failed");
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
