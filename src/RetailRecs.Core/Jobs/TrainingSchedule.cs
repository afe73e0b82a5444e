using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Jobs;

/// <summary>
/// The training that starts on its own: at start-up, the first training of a new install (every model on the stored
/// sales, then the segments; or only the segments when models exist without them); every day at Training:DailyAt
/// (local time), the daily retraining. Every instance wakes at that hour; the one that claims the day
/// (<see cref="JobLeases.TryClaimOnceAsync"/>) trains, the others leave it. An instance that was down at that hour
/// does not train when it starts: training in shop hours would slow the tills.
/// </summary>
/// <remarks>It builds the job definitions itself: the runner asks it for jobs, so it cannot depend on the runner's queues.</remarks>
public sealed class TrainingSchedule(ModelTrainingService trainer, SegmentationService segmentation, IDbContextFactory<RetailDbContext> contexts,
    IOptions<TrainingOptions> options, JobLeases leases, TimeProvider time, ILogger<TrainingSchedule> logger,
    ILogger<TrainThenSegmentJob> jobLogger) : IJobSchedule
{
    public const string Startup = "startup";

    /// <summary>How long after an unsuccessful start-up training the next start tries again.</summary>
    public static readonly TimeSpan StartupRetryAfter = TimeSpan.FromDays(1);
    public const string Schedule = "schedule";

    /// <summary>A busy database (a nightly import holding the write lock) is asked again each minute, ten times, before the day is skipped.</summary>
    public const int ClaimAttempts = 10;

    private bool _startupDone;
    private DateTime? _next;
    private int _attempts;

    public async Task<IReadOnlyList<Job>> DueAsync(CancellationToken ct)
    {
        if (!_startupDone)
        {
            _startupDone = true;
            _next = NextAfter(time.GetLocalNow().DateTime);
            if (await StartupJobAsync(ct) is { } first)
            {
                return [first];
            }
        }
        return await DailyJobAsync(ct) is { } daily ? [daily] : [];
    }

    private async Task<Job?> StartupJobAsync(CancellationToken ct)
    {
        if (!options.Value.TrainWhenNoModel)
        {
            return null;
        }
        await using var db = await contexts.CreateDbContextAsync(ct);
        if (!await db.Orders.AnyAsync(o => o.CustomerId != null, ct))
        {
            return null;
        }
        // A run that failed or was interrupted (a redeploy, no sales yet) is no model: a later start tries again, or a
        // new install would serve nothing until an admin trained by hand. Once a day at most: a training that kills
        // its process (out of memory) would otherwise run again at every restart, and restart the app in a loop.
        var retryAfter = time.GetUtcNow().UtcDateTime - StartupRetryAfter;
        if (!await db.ModelRuns.AnyAsync(r => r.Status == ModelRunStatus.Succeeded, ct)
            && !await db.ModelRuns.AnyAsync(r => r.StartedBy == Startup && r.StartedAt > retryAfter, ct))
        {
            logger.LogInformation("No trained model yet: training every model on the stored sales");
            return Training(Startup);
        }
        return await db.SegmentationRuns.AnyAsync(r => r.Status == ModelRunStatus.Succeeded, ct)
            ? null
            : new SegmentationJob(segmentation, new SegmentationOptions(), Startup);
    }

    private async Task<Job?> DailyJobAsync(CancellationToken ct)
    {
        if (_next is not { } due || time.GetLocalNow().DateTime < due)
        {
            return null;
        }
        bool claimed;
        try
        {
            claimed = await leases.TryClaimOnceAsync($"schedule:training:{due:yyyy-MM-dd}", TimeSpan.FromDays(2), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException && ++_attempts < ClaimAttempts)
        {
            logger.LogWarning(e, "Daily training of {Day:yyyy-MM-dd} not claimed yet (attempt {Attempt}); trying again in a minute", due, _attempts);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Daily training of {Day:yyyy-MM-dd} skipped: the database could not be written for ten minutes", due);
            claimed = false;
        }
        _attempts = 0;
        _next = NextAfter(due);
        if (!claimed)
        {
            logger.LogInformation("Daily training of {Day:yyyy-MM-dd} is run by another instance", due);
            return null;
        }
        return Training(Schedule);
    }

    private TrainThenSegmentJob Training(string startedBy) =>
        new(trainer, segmentation, leases, new TrainingRequest(TrainingJobs.DefaultAlgorithms, TrainingWindow.All, new TrainingParameters(), startedBy), jobLogger);

    /// <summary>The first Training:DailyAt after <paramref name="after"/>; null when no daily training is set.</summary>
    private DateTime? NextAfter(DateTime after)
    {
        if (!TimeOnly.TryParse(options.Value.DailyAt, CultureInfo.InvariantCulture, out var at))
        {
            return null;
        }
        var next = after.Date + at.ToTimeSpan();
        return next <= after ? next.AddDays(1) : next;
    }
}
