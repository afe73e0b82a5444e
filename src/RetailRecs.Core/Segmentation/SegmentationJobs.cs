using Microsoft.Extensions.Logging;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// Runs segmentation in the background, one run at a time, and tells open pages how far it is; the page that started
/// it may close without stopping it.
/// </summary>
public sealed class SegmentationJobs(SegmentationService service, ILogger<SegmentationJobs> logger)
{
    public sealed record Status(bool Busy, double Fraction, string? LastOutcome, bool LastFailed);

    private readonly Lock _gate = new();
    private Task? _running;

    public Status Current { get; private set; } = new(false, 0, null, false);

    /// <summary>Raised (on a background thread) whenever <see cref="Current"/> changes.</summary>
    public event Action<Status>? Changed;

    /// <summary>Starts a run unless one is already running; false when busy.</summary>
    public bool TryStart(SegmentationOptions options, string startedBy, CancellationToken stopping = default)
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
            {
                return false;
            }
            Publish(new Status(true, 0, Current.LastOutcome, false));
            _running = Task.Run(() => RunAsync(options, startedBy, stopping), CancellationToken.None);
            return true;
        }
    }

    /// <summary>The run in progress, if any (tests and the start-up worker wait on it).</summary>
    public Task Running => _running ?? Task.CompletedTask;

    private async Task RunAsync(SegmentationOptions options, string startedBy, CancellationToken ct)
    {
        try
        {
            var run = await service.RunAsync(options, startedBy, new Reporter(this), ct);
            Publish(new Status(false, 1, $"{run.Customers:N0} customers segmented into {run.K} segments at {DateTime.Now:HH:mm}.", false));
        }
        catch (OperationCanceledException)
        {
            Publish(new Status(false, 0, "Segmentation was stopped before it finished.", true));
        }
        catch (SegmentationException e)
        {
            Publish(new Status(false, 0, e.Message, true));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Segmentation failed");
            Publish(new Status(false, 0, "Segmentation failed unexpectedly; the previous segments are still in use. See the server log.", true));
        }
    }

    private void Publish(Status status)
    {
        Current = status;
        Changed?.Invoke(status);
    }

    private sealed class Reporter(SegmentationJobs jobs) : IProgress<double>
    {
        public void Report(double value) => jobs.Publish(jobs.Current with { Busy = true, Fraction = value });
    }
}
