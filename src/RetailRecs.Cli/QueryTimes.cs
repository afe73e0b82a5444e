using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace RetailRecs.Cli;

/// <summary>
/// The time of every SQL command EF Core runs while recording, grouped by command text: a benchmark's breakdown (which
/// figure costs what). Listens to EF Core's diagnostic events, so the measured code is unchanged.
/// </summary>
internal sealed class QueryTimes : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private readonly ConcurrentDictionary<string, (double Milliseconds, int Calls)> _times = new();
    private readonly List<IDisposable> _subscriptions = [];

    public QueryTimes() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public bool Recording { get; set; }

    /// <summary>The <paramref name="count"/> slowest commands by median time per run, with the SQL's first characters.</summary>
    public IEnumerable<string> Slowest(int runs, int count) => _times
        .Select(t => (Sql: t.Key, Total: t.Value.Milliseconds, t.Value.Calls))
        .OrderByDescending(t => t.Total)
        .Take(count)
        .Select(t => $"{t.Total / runs,8:N1} ms/run  {t.Calls / (double)runs,4:N1}×  {Shorten(t.Sql)}");

    private static string Shorten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r', ' ', '\t'], StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= 160 ? flat : flat[..160] + " …";
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(listener.Subscribe(this));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> e)
    {
        if (!Recording)
        {
            return;
        }
        // A query's time is its execution plus the reading of its rows (until its reader is closed).
        if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData done)
        {
            _times.AddOrUpdate(done.Command.CommandText, (done.Duration.TotalMilliseconds, 1),
                (_, t) => (t.Milliseconds + done.Duration.TotalMilliseconds, t.Calls + 1));
        }
        else if (e.Key == RelationalEventId.DataReaderDisposing.Name && e.Value is DataReaderDisposingEventData read)
        {
            _times.AddOrUpdate(read.Command.CommandText, (read.Duration.TotalMilliseconds, 0),
                (_, t) => (t.Milliseconds + read.Duration.TotalMilliseconds, t.Calls));
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted() { }
    void IObserver<DiagnosticListener>.OnError(Exception error) { }
    void IObserver<KeyValuePair<string, object?>>.OnCompleted() { }
    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
