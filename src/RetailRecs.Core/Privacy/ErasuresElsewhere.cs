using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Data;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Privacy;

/// <summary>
/// An erasure on one app instance makes that instance's models forget the customer at once (CustomerErasureService);
/// this brings it to every other instance on the same database within <see cref="Interval"/>: without it, their models
/// would keep the erased history as a neighbour for other customers until the next training or restart.
/// Each check reads a small signature (the erased list's size and latest date, and how many customers there are, which
/// also catches anonymisations that keep no erased key); only when it changes are the loaded models compared with the
/// customers that still exist.
/// </summary>
public sealed class ErasuresElsewhere(IDbContextFactory<RetailDbContext> contexts, ModelRegistry models, LiveUpdates live, ILogger<ErasuresElsewhere> logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private Signature? _seen;

    private sealed record Signature(int Erased, DateTime? LastErasedAt, int Customers);

    /// <summary>Forgets, in this instance's models, customers erased elsewhere since the last check; returns how many.</summary>
    public async Task<int> CheckAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Read before the customers: an erasure committed in between changes the next signature and is seen again.
        var now = new Signature(
            await db.ErasedCustomers.CountAsync(ct),
            await db.ErasedCustomers.MaxAsync(e => (DateTime?)e.ErasedAt, ct),
            await db.Customers.CountAsync(ct));
        var seen = _seen;
        _seen = now;
        // The first check has nothing to compare with: models loaded so far already forgot the missing customers on load.
        if (seen is null || seen == now)
        {
            return 0;
        }
        var existing = (await db.Customers.Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var forgotten = models.ForgetVanishedCustomers(existing) + live.ForgetVanishedCustomers(existing);
        if (forgotten > 0)
        {
            logger.LogInformation("Forgot {Count} erased customer entries in the loaded models (erased by another instance).", forgotten);
        }
        return forgotten;
    }

    /// <summary>Checks every <see cref="Interval"/> until stopped; a failed check (database busy) is retried next time.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(ct))
        {
            try
            {
                await CheckAsync(ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking for erasures by other instances failed; trying again in {Seconds} s.", Interval.TotalSeconds);
            }
        }
    }
}
