using System.Globalization;
using Microsoft.Extensions.Logging;
using RetailRecs.Core.Common;

namespace RetailRecs.Core.Import;

/// <summary>
/// Imports (and dry runs) started from the upload page, run in the background one at a time: leaving the page or
/// closing the tab does not stop them, and the page shows the progress or the report the next time it is opened. Only
/// the Cancel button stops one (nothing is then stored, and the history says so).
/// </summary>
public sealed class ImportJobs(ImportService importer, ILogger<ImportJobs> logger) : BackgroundJob(logger)
{
    /// <summary>The file being imported (or last imported), who asked and when it finished; null before the first.</summary>
    public sealed record Run(ImportRequest Request, DateTime StartedAt, DateTime? FinishedAt, ImportResult? Result);

    public Run? Latest { get; private set; }

    protected override string CancelledOutcome => "Cancelled. Nothing was stored.";

    /// <summary>Starts the import unless one is already running; false when busy.</summary>
    /// <param name="done">Called once the import has let go of the file, however it ended (the page deletes its temporary copy).</param>
    public bool TryStart(ImportRequest request, Action? done = null, CancellationToken stopping = default) =>
        TryStart(async (progress, ct) =>
        {
            var run = new Run(request, DateTime.UtcNow, null, null);
            Latest = run;
            try
            {
                var result = await importer.ImportAsync(request, new InlineProgress<ImportProgress>(p => progress.Report((Describe(p), 0))), ct);
                Latest = run with { FinishedAt = DateTime.UtcNow, Result = result };
                return result.Message;
            }
            catch
            {
                Latest = run with { FinishedAt = DateTime.UtcNow };
                throw;
            }
            finally
            {
                done?.Invoke();
            }
        }, typeof(ImportException), stopping);

    private static string Describe(ImportProgress p) =>
        string.Create(CultureInfo.CurrentCulture, $"{p.Stage}: {p.Rows:N0} rows · {p.RowsPerSecond:N0} rows/s");
}
