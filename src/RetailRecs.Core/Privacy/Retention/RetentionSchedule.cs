using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Core.Privacy.Retention;

/// <summary>
/// The retention policy's daily run (Privacy:Retention:RunDaily, off by default). The runner asks every minute; from
/// Privacy:Retention:DailyAtUtc on, the first instance to claim the day (<see cref="RetentionService.TryClaimDayAsync"/>)
/// runs it, so a chain's several instances run it once, and an instance that was down at that hour catches up when it starts.
/// </summary>
public sealed class RetentionSchedule(RetentionService retention, ILogger<RetentionSchedule> logger) : IJobSchedule
{
    private DateOnly? _settled;
    private bool _toldProblem;

    public async Task<IReadOnlyList<Job>> DueAsync(CancellationToken ct)
    {
        if (retention.DueDay() is not { } day || day == _settled)
        {
            return [];
        }
        if (retention.Policy.Problem() is { } problem)
        {
            if (!_toldProblem)
            {
                _toldProblem = true;
                logger.LogError("Retention policy not applied: {Problem}", problem);
            }
            return [];
        }
        // Claimed here or by another instance: either way this day is settled for this instance (a failure to claim is
        // asked again next minute).
        var claimed = await retention.TryClaimDayAsync(day, ct);
        _settled = day;
        return claimed ? [new RetentionJob(retention)] : [];
    }
}
