using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Analytics.Rollups;

/// <summary>
/// Recomputes dirty months in the background: when an import pokes it (right after its commit, so the person who
/// uploaded does not wait for it) and every <see cref="Interval"/> for other marks (an admin's change to an order, an
/// erasure; the events API's sales are added to the rollups as they are stored). Until then the
/// dashboard reads those months from the lines, so the wait costs speed, never correctness. Hosted by the web app;
/// the CLI refreshes after its own import instead.
/// </summary>
public sealed class RollupRefresher(IDbContextFactory<RetailDbContext> contexts, ILogger<RollupRefresher> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _poked = new(0, 1);
    private int _rounds;

    /// <summary>Rounds finished since the start (tests wait for one before they act).</summary>
    internal int Rounds => Volatile.Read(ref _rounds);

    /// <summary>Asks for a refresh now (at most one waits: pokes during a refresh lead to one more).</summary>
    public void Poke()
    {
        try
        {
            _poked.Release();
        }
        catch (SemaphoreFullException)
        {
            // already asked
        }
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var refreshed = await SalesRollup.RefreshAsync(contexts, ct);
                if (refreshed.Months > 0 || refreshed.PendingOrders > 0)
                {
                    logger.LogInformation("Sales rollups refreshed for {Months} month(s); {PendingOrders} order(s) stored while they were busy added.",
                        refreshed.Months, refreshed.PendingOrders);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A busy database, or another instance refreshing the same month: the marks stay for next time.
                logger.LogWarning(e, "Refreshing the sales rollups failed; trying again within {Interval}.", Interval);
            }
            Interlocked.Increment(ref _rounds);
            await _poked.WaitAsync(Interval, ct);
        }
    }
}
