using System.Diagnostics;
using System.Text;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>
/// A built RetailRecs program (the web app or the CLI) run as its own process, as an operator would, with what it
/// writes kept so a test can wait for a line instead of for a time, and kill it (SIGKILL) part-way.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly List<(string Text, TaskCompletionSource Seen)> _waiting = [];
    private readonly Task _reading;

    /// <summary>The web app, built beside the tests.</summary>
    public static string WebApp => Path.Combine(AppContext.BaseDirectory, "RetailRecs.Web.dll");

    /// <summary>The CLI, built by the tests' project reference in its own output folder (same configuration).</summary>
    public static string Cli
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<configuration>/net10.0/
            return Path.Combine(RepositoryPaths.Root, "src", "RetailRecs.Cli", "bin", configuration, "net10.0", "retailrecs.dll");
        }
    }

    private ChildProcess(Process process)
    {
        _process = process;
        _reading = Task.WhenAll(ReadAsync(process.StandardOutput), ReadAsync(process.StandardError));
    }

    public static ChildProcess Start(string dll, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet", [dll, .. args])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new ChildProcess(Process.Start(start)!);
    }

    /// <summary>The web app on <paramref name="port"/> over <paramref name="database"/>, without start-up training or demo data.</summary>
    public static ChildProcess StartWebApp(string database, int port, string workingDirectory) =>
        Start(WebApp, ["--urls", $"http://127.0.0.1:{port}"], workingDirectory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Database__SqlitePath"] = database,
            ["Seed__DemoData"] = "false",
            ["Training__TrainWhenNoModel"] = "false",
            ["Api__RequestsPerSecond"] = "100000",
            ["Api__Burst"] = "100000",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
        });

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Completes once the process has written <paramref name="text"/>; fails if it exits first or the time runs out.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_output)
        {
            if (_output.ToString().Contains(text, StringComparison.Ordinal))
            {
                return;
            }
            _waiting.Add((text, seen));
        }
        var first = await Task.WhenAny(seen.Task, _reading.WaitAsync(timeout));
        if (first != seen.Task || !seen.Task.IsCompleted)
        {
            throw new InvalidOperationException($"The process ended (or {timeout.TotalSeconds:F0} s passed) before it wrote '{text}'. It wrote:\n{Output}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as on a crash or an out-of-memory kill.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        await _reading;
        return _process.ExitCode;
    }

    private async Task ReadAsync(StreamReader reader)
    {
        var buffer = new char[4096];
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            lock (_output)
            {
                _output.Append(buffer, 0, read);
                var text = _output.ToString();
                foreach (var wait in _waiting.Where(w => text.Contains(w.Text, StringComparison.Ordinal)).ToList())
                {
                    wait.Seen.TrySetResult();
                    _waiting.Remove(wait);
                }
            }
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true); // never leave a test's app running
            _process.WaitForExit();
        }
        _process.Dispose();
    }
}
