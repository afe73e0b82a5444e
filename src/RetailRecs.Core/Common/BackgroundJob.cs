using Microsoft.Extensions.Logging;

namespace RetailRecs.Core.Common;

/// <summary>
/// One long job at a time in the background (a segmentation, an evaluation, an import), with its progress for open
/// pages; the page that started it may close without stopping it, and the next page opened shows the progress or the
/// outcome. Only <see cref="Cancel"/> (a user's explicit choice) or the app stopping ends it early. Subclasses say what
/// the job is and how its failures read.
/// </summary>
public abstract class BackgroundJob(ILogger logger)
{
    public sealed record Status(bool Busy, double Fraction, string? Stage, string? LastOutcome, bool LastFailed)
    {
        public static readonly Status Idle = new(false, 0, null, null, false);
    }

    private readonly Lock _gate = new();
    private Task? _running;
    private CancellationTokenSource? _cancel;

    /// <summary>What the outcome says when the job was cancelled.</summary>
    protected virtual string CancelledOutcome => "Stopped before it finished.";

    public Status Current { get; private set; } = Status.Idle;

    /// <summary>Raised (on a background thread) whenever <see cref="Current"/> changes.</summary>
    public event Action<Status>? Changed;

    /// <summary>The job in progress, if any (tests and the start-up worker wait on it).</summary>
    public Task Running => _running ?? Task.CompletedTask;

    /// <param name="work">Does the job, reporting (stage, fraction); returns the outcome in words.</param>
    /// <param name="expected">The exception type whose message is meant for the user (a refusal in words, not a bug).</param>
    protected bool TryStart(Func<IProgress<(string Stage, double Fraction)>, CancellationToken, Task<string>> work, Type expected,
        CancellationToken stopping)
    {
        lock (_gate)
        {
            if (_running is { IsCompleted: false })
            {
                return false;
            }
            Publish(new Status(true, 0, "Starting", Current.LastOutcome, false));
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            _cancel = cancel;
            _running = Task.Run(async () =>
            {
                try
                {
                    await RunAsync(work, expected, cancel.Token);
                }
                finally
                {
                    lock (_gate)
                    {
                        _cancel = null;
                    }
                    cancel.Dispose();
                }
            }, CancellationToken.None);
            return true;
        }
    }

    /// <summary>Asks the running job to stop (the user pressed Cancel); false when none is running.</summary>
    public bool Cancel()
    {
        lock (_gate)
        {
            if (_cancel is not { } cancel)
            {
                return false;
            }
            cancel.Cancel();
            return true;
        }
    }

    private async Task RunAsync(Func<IProgress<(string Stage, double Fraction)>, CancellationToken, Task<string>> work, Type expected,
        CancellationToken ct)
    {
        try
        {
            var outcome = await work(new Reporter(this), ct);
            Publish(new Status(false, 1, null, outcome, false));
        }
        catch (OperationCanceledException)
        {
            Publish(new Status(false, 0, null, CancelledOutcome, true));
        }
        catch (Exception e) when (expected.IsInstanceOfType(e))
        {
            Publish(new Status(false, 0, null, e.Message, true));
        }
        catch (Exception e)
        {
            logger.LogError(e, "Background job {Job} failed", GetType().Name);
            Publish(new Status(false, 0, null, "It failed unexpectedly; what was there before is still in use. See the server log.", true));
        }
    }

    private void Publish(Status status)
    {
        Current = status;
        Changed?.Invoke(status);
    }

    private sealed class Reporter(BackgroundJob job) : IProgress<(string Stage, double Fraction)>
    {
        public void Report((string Stage, double Fraction) value) =>
            job.Publish(job.Current with { Busy = true, Stage = value.Stage, Fraction = value.Fraction });
    }
}

/// <summary>An <see cref="IProgress{T}"/> that reports on the caller's thread at once (Progress&lt;T&gt; posts to a context pages and workers lack).</summary>
public sealed class InlineProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
