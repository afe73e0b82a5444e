using System.Threading.Channels;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// Training jobs waiting for the background worker, and what the current one is doing, for the Models page.
/// One job at a time: training uses both cores, and two jobs would only slow each other.
/// </summary>
public sealed class TrainingQueue
{
    private readonly Channel<TrainingRequest> _jobs = Channel.CreateUnbounded<TrainingRequest>(new UnboundedChannelOptions { SingleReader = true });
    private int _waiting;

    public sealed record Status(bool Busy, int Waiting, string? Stage, double Fraction, DateTime? StartedAt, string? LastOutcome);

    private Status _status = new(false, 0, null, 0, null, null);

    /// <summary>Raised (on the worker's thread) whenever <see cref="Current"/> changes.</summary>
    public event Action<Status>? Changed;

    public Status Current => _status;

    // The models of each waiting job and of the running one: a second click on Train must not queue the same job again.
    private readonly List<string> _queued = [];
    private string? _running;

    /// <summary>Queues the job; false (nothing queued) when a job training the same models is already waiting or running.</summary>
    public bool Enqueue(TrainingRequest request)
    {
        var models = ModelsOf(request);
        lock (_queued)
        {
            if (_queued.Contains(models) || _running == models)
            {
                return false;
            }
            _queued.Add(models);
        }
        Interlocked.Increment(ref _waiting);
        _jobs.Writer.TryWrite(request);
        Publish(_status with { Waiting = _waiting });
        return true;
    }

    private static string ModelsOf(TrainingRequest request) => string.Join(',', request.Algorithms.Distinct().Order(StringComparer.Ordinal));

    public IAsyncEnumerable<TrainingRequest> ReadAllAsync(CancellationToken ct) => _jobs.Reader.ReadAllAsync(ct);

    internal void Started(TrainingRequest request)
    {
        var models = ModelsOf(request);
        lock (_queued)
        {
            _queued.Remove(models);
            _running = models;
        }
        Interlocked.Decrement(ref _waiting);
        Publish(new Status(true, _waiting, "Starting", 0, DateTime.UtcNow, _status.LastOutcome));
    }

    internal void Report(TrainingProgress p) => Publish(_status with { Stage = p.Stage, Fraction = p.Fraction });

    internal void Finished(string outcome)
    {
        lock (_queued)
        {
            _running = null;
        }
        Publish(new Status(false, _waiting, null, 0, null, outcome));
    }

    private void Publish(Status status)
    {
        _status = status;
        Changed?.Invoke(status);
    }

    /// <summary>Runs one job, keeping the status current; the worker calls this for each request.</summary>
    public async Task RunAsync(ModelTrainingService trainer, TrainingRequest request, CancellationToken ct)
    {
        Started(request);
        try
        {
            var runs = await trainer.TrainAsync(request, new Common.InlineProgress<TrainingProgress>(Report), ct);
            var ok = runs.Count(r => r.Status == Model.ModelRunStatus.Succeeded);
            Finished(ok == runs.Count
                ? $"Trained {ok} model{(ok == 1 ? "" : "s")} at {DateTime.Now:HH:mm}."
                : $"{ok} of {runs.Count} models trained at {DateTime.Now:HH:mm}; see the failed runs for the reason.");
        }
        catch (OperationCanceledException)
        {
            Finished("Training was stopped before it finished.");
            throw;
        }
        catch (Exception e)
        {
            // Otherwise the page would show this job as running for ever.
            Finished(Data.StorageFaults.Describe(e)?.Message ?? "Training failed unexpectedly; the current champion keeps serving. See the server log.");
            throw;
        }
    }
}
