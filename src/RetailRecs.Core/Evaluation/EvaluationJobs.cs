using RetailRecs.Core.Common;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Evaluation;

/// <summary>Offline evaluations on the job runner, one at a time, with progress for the Models page.</summary>
public sealed class EvaluationJobs(EvaluationService service, JobRunner runner) : JobQueue(runner, EvaluationJob.KindName)
{
    /// <summary>Queues an evaluation unless one is already waiting or running; false when busy.</summary>
    public bool TryStart(EvaluationOptions options, string startedBy) => Runner.TryEnqueue(For(options, startedBy));

    /// <summary>The job definition (the command line runs it in place).</summary>
    public EvaluationJob For(EvaluationOptions options, string startedBy, IProgress<TrainingProgress>? progress = null) =>
        new(service, options, startedBy, progress);
}

/// <summary>One offline evaluation, holding the evaluation lease: another instance evaluating refuses it in words.</summary>
public sealed class EvaluationJob(EvaluationService service, EvaluationOptions options, string startedBy, IProgress<TrainingProgress>? progress) : Job
{
    public const string KindName = "evaluation";

    public override string Kind => KindName;
    public override string StartedBy => startedBy;
    public override string? Lease => EvaluationService.Lease;

    /// <summary>The stored run and its figures, once it succeeded.</summary>
    public EvaluationService.Outcome? Outcome { get; private set; }

    public override string RefusedByLease(JobLease? heldBy) =>
        $"Another instance has been evaluating the models since {heldBy?.AcquiredAt:HH:mm} UTC; its result appears here when it is done.";

    public override async Task<string> RunAsync(JobContext context)
    {
        Outcome = await service.RunAsync(options, startedBy, new InlineProgress<TrainingProgress>(p =>
        {
            context.Report(p.Stage, p.Fraction);
            progress?.Report(p);
        }), context.Cancellation);
        var flagged = Outcome.Result.Rows.Count(r => r.DoesNotBeat is not null);
        return $"Evaluated at {DateTime.Now:HH:mm} on {Outcome.Result.Rows.Max(r => r.Customers):N0} test customers" +
               (flagged == 0 ? "; every model beats the baselines." : $"; {flagged} model/track result(s) do not beat a baseline.");
    }

    public override string? Explain(Exception e) => e is EvaluationException ? e.Message : null;
}
