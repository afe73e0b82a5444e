using System.Globalization;
using RetailRecs.Core.Common;
using RetailRecs.Core.Common.Jobs;

namespace RetailRecs.Core.Import;

/// <summary>
/// Imports (and dry runs) started from the upload page, on the job runner one at a time (in their own lane: an import
/// does not wait for a training): leaving the page or closing the tab does not stop them, and the page shows the
/// progress or the report the next time it is opened. Only the Cancel button stops one (nothing is then stored, and
/// the history says so).
/// </summary>
public sealed class ImportJobs(ImportService importer, JobRunner runner) : JobQueue(runner, ImportJob.KindName)
{
    /// <summary>The file being imported (or last imported), who asked and when it finished; null before the first.</summary>
    public sealed record Run(ImportRequest Request, DateTime StartedAt, DateTime? FinishedAt, ImportResult? Result);

    public Run? Latest { get; internal set; }

    /// <summary>Queues the import unless one is already waiting or running; false when busy.</summary>
    /// <param name="done">Called once the import has let go of the file, however it ended (the page deletes its temporary copy).</param>
    public bool TryStart(ImportRequest request, Action? done = null) => Runner.TryEnqueue(new ImportJob(this, importer, request, done));
}

/// <summary>One import from the upload page.</summary>
public sealed class ImportJob(ImportJobs jobs, ImportService importer, ImportRequest request, Action? done) : Job
{
    public const string KindName = "import";

    public override string Kind => KindName;
    public override string StartedBy => request.ImportedBy;
    public override JobLane Lane => JobLane.Import;
    public override string CancelledOutcome => "Cancelled. Nothing was stored.";

    public override async Task<string> RunAsync(JobContext context)
    {
        var run = new ImportJobs.Run(request, DateTime.UtcNow, null, null);
        jobs.Latest = run;
        try
        {
            var result = await importer.ImportAsync(request, new InlineProgress<ImportProgress>(p => context.Report(Describe(p), 0)), context.Cancellation);
            jobs.Latest = run with { FinishedAt = DateTime.UtcNow, Result = result };
            return result.Message;
        }
        catch
        {
            jobs.Latest = run with { FinishedAt = DateTime.UtcNow };
            throw;
        }
        finally
        {
            done?.Invoke();
        }
    }

    public override string? Explain(Exception e) => e is ImportException ? e.Message : null;

    private static string Describe(ImportProgress p) =>
        string.Create(CultureInfo.CurrentCulture, $"{p.Stage}: {p.Rows:N0} rows · {p.RowsPerSecond:N0} rows/s");
}
