using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;

namespace RetailRecs.Core.Common.Jobs;

/// <summary>
/// The outcome of a job that did not finish (failed, stopped) written to its run: when the database refuses that too
/// — still away, the very reason the job failed — it is tried again in the background until it is stored. Given up
/// at once, the run stayed "running" on every page, and was never swept, since its owner (this process) lives on:
/// until the next restart, which in production can be weeks away.
/// </summary>
public static class UnfinishedOutcome
{
    /// <summary>How long between two tries (shortened by tests).</summary>
    internal static TimeSpan RetryEvery { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A day of tries: a database away longer than that meets a restart first, and the sweep of its start.</summary>
    private const int Attempts = 2880;

    /// <param name="write">Idempotent: it may run more than once.</param>
    /// <param name="what">For the log: "training runs 4, 5".</param>
    /// <returns>True when stored now, false when left to the retries.</returns>
    public static async Task<bool> RecordAsync(Func<Task> write, ILogger logger, string what)
    {
        try
        {
            await write();
            return true;
        }
        catch (Exception e) when (StorageFaults.Classify(e) is not null)
        {
            logger.LogWarning(e, "Could not record the outcome of {What} yet; trying again every {Seconds} s", what, RetryEvery.TotalSeconds);
            _ = Task.Run(() => RetryAsync(write, logger, what));
            return false;
        }
    }

    private static async Task RetryAsync(Func<Task> write, ILogger logger, string what)
    {
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            await Task.Delay(RetryEvery);
            try
            {
                await write();
                logger.LogInformation("Recorded the outcome of {What} at try {Attempt}", what, attempt + 1);
                return;
            }
            catch (Exception e) when (StorageFaults.Classify(e) is not null)
            {
                // the database is still away: the next try
            }
            catch (Exception e)
            {
                logger.LogError(e, "The outcome of {What} could not be recorded; the app's next start marks it interrupted", what);
                return;
            }
        }
    }
}
