using System.Diagnostics;

namespace RetailRecs.CircuitBenchmark;

/// <summary>The app's resident memory (working set), sampled once a second from outside its process, and its CPU time.</summary>
internal sealed class AppMemory(int pid) : IAsyncDisposable
{
    private readonly List<(DateTime At, long Bytes)> _samples = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public static long Now(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.WorkingSet64;
    }

    public static TimeSpan Cpu(int pid)
    {
        using var process = Process.GetProcessById(pid);
        return process.TotalProcessorTime;
    }

    public void Start() => _loop = Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            lock (_samples)
            {
                _samples.Add((DateTime.UtcNow, Now(pid)));
            }
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    });

    /// <summary>Peak and mean between two instants.</summary>
    public (long Peak, long Mean) Between(DateTime from, DateTime to)
    {
        lock (_samples)
        {
            var window = _samples.Where(s => s.At >= from && s.At <= to).Select(s => s.Bytes).ToList();
            return window.Count == 0 ? (0, 0) : (window.Max(), (long)window.Average());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }
        _stop.Dispose();
    }
}
