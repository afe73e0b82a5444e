using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Evaluation;

/// <summary>Offline evaluations run in the background, one at a time, with progress for the Models page.</summary>
public sealed class EvaluationJobs(EvaluationService service, ILogger<EvaluationJobs> logger) : BackgroundJob(logger)
{
    /// <summary>Starts an evaluation unless one is already running; false when busy.</summary>
    public bool TryStart(EvaluationOptions options, string startedBy, CancellationToken stopping = default) =>
        TryStart(async (progress, ct) =>
        {
            var outcome = await service.RunAsync(options, startedBy, new InlineProgress<TrainingProgress>(p => progress.Report((p.Stage, p.Fraction))), ct);
            var flagged = outcome.Result.Rows.Count(r => r.DoesNotBeat is not null);
            return $"Evaluated at {DateTime.Now:HH:mm} on {outcome.Result.Rows.Max(r => r.Customers):N0} test customers" +
                   (flagged == 0 ? "; every model beats the baselines." : $"; {flagged} model/track result(s) do not beat a baseline.");
        }, typeof(EvaluationException), stopping);
}
