using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Core.Privacy.Retention;

/// <summary>The retention policy's daily run, on the job runner (its day already claimed: see <see cref="RetentionSchedule"/>).</summary>
public sealed class RetentionJob(RetentionService retention) : Job
{
    public const string KindName = "retention";

    public override string Kind => KindName;
    public override string StartedBy => "schedule";

    /// <summary>The run's report, once it completed.</summary>
    public RetentionReport? Report { get; private set; }

    public override async Task<string> RunAsync(JobContext context)
    {
        context.Report("Applying the retention policy", 0);
        Report = await retention.RunAsync(dryRun: false, StaffActor.System, RetentionService.DailyTrigger, context.Cancellation);
        // Counts only: the report holds no personal data.
        return $"Retention run: {Report.CustomersAnonymised:N0} customers anonymised, {Report.InteractionsDeleted:N0} events, " +
               $"{Report.ExposuresDeleted:N0} exposures, {Report.AuditEntriesDeleted:N0} audit entries deleted in {Report.Milliseconds:N0} ms.";
    }

    // Recorded as an interrupted run in the audit log when it got that far; tomorrow's run does the rest.
    public override string? Explain(Exception e) => e is RetentionInterruptedException or InvalidOperationException ? e.Message : null;
}
