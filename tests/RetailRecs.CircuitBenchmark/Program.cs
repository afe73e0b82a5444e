using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using RetailRecs.CircuitBenchmark;
using RetailRecs.CircuitBenchmark.Browserless;
using RetailRecs.Testing;

// benchmark circuits: N associates at once against a running app (see the README, "Measured").
var options = args.Select((a, i) => (a, i)).Where(p => p.a.StartsWith("--", StringComparison.Ordinal))
    .ToDictionary(p => p.a, p => p.i + 1 < args.Length ? args[p.i + 1] : "true", StringComparer.OrdinalIgnoreCase);
string Get(string name, string fallback) => options.TryGetValue(name, out var v) ? v : fallback;
int GetInt(string name, int fallback) => int.Parse(Get(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);
if (!options.ContainsKey("--pid") || !options.ContainsKey("--database"))
{
    Console.Error.WriteLine("""
        benchmark circuits --pid APP-PID --database APP-SQLITE-FILE [--url http://127.0.0.1:5099] [--circuits 30] [--seconds 120] [--settle 60] [--think 0] [--ramp 0.25] [--browserless] [--busy-file FILE] [--samples FILE.csv]
          Opens N browser contexts in headless Chromium, each signed in as the demo associate (its own Blazor circuit), looping:
          search a customer, open the card, accept a suggestion. Prints card-open p50/p95, circuit errors and the app's memory
          before, during and after (--settle seconds after the circuits close). --think SECONDS pauses each associate between
          customers (0.5 to 1.5 times it): 0 loops flat out. --ramp SECONDS between one associate's start and the next
          (signing in is the heaviest step for the browser and the app). The database is read for customer names only.
          --browserless: each associate speaks the circuit's protocol itself (SignalR, render batches, events) instead of
          driving a browser, so 30 of them cost the machine little more than the app does: the card times are the app's.
          --busy-file FILE: card times are also given apart for while FILE exists (a script's heavy work) and outside it.
          --samples FILE.csv: every card's time, with when it was tapped.
        """);
    return 2;
}
var url = Get("--url", "http://127.0.0.1:5099").TrimEnd('/');
var pid = GetInt("--pid", 0);
var circuits = GetInt("--circuits", 30);
var seconds = GetInt("--seconds", 120);
var settle = GetInt("--settle", 60);
var think = TimeSpan.FromSeconds(double.Parse(Get("--think", "0"), CultureInfo.InvariantCulture));
var ramp = TimeSpan.FromSeconds(double.Parse(Get("--ramp", "0.25"), CultureInfo.InvariantCulture));

var customers = new List<(string, string)>();
using (var db = new SqliteConnection($"Data Source={Path.GetFullPath(Get("--database", ""))};Mode=ReadOnly;Pooling=False"))
{
    db.Open();
    using var query = db.CreateCommand();
    query.CommandText = "SELECT FirstName, LastName FROM Customers WHERE length(FirstName) >= 3 AND length(LastName) >= 3 " +
                        "AND PersonalizationOptOut = 0 ORDER BY Id LIMIT 500";
    using var reader = query.ExecuteReader();
    while (reader.Read())
    {
        customers.Add((reader.GetString(0), reader.GetString(1)));
    }
}
if (customers.Count == 0)
{
    Console.Error.WriteLine("No customer with a name in the database: run it on the demo data.");
    return 1;
}

var browserless = options.ContainsKey("--browserless");
HeavyWork.MarkerFile = options.TryGetValue("--busy-file", out var busyFile) ? Path.GetFullPath(busyFile) : null;
Assertions.SetDefaultExpectTimeout(30_000);
using var playwright = browserless ? null : await Playwright.CreateAsync();
await using var browser = playwright is null ? null : await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

var before = AppMemory.Now(pid);
var cpuBefore = AppMemory.Cpu(pid);
var loadBefore = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
await using var memory = new AppMemory(pid);
memory.Start();
var started = DateTime.UtcNow;
using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
var associates = Enumerable.Range(0, circuits)
    .Select(i => browser is null
        ? (IAssociate)new BrowserlessAssociate(url, DemoAccounts.Associate, customers, seed: i, think)
        : new AssociateCircuit(browser, url, DemoAccounts.Associate, customers, seed: i, think)).ToList();
// Tablets come on one after another (--ramp apart), not in the same millisecond.
var runs = associates.Select(async (a, i) =>
{
    await Task.Delay(ramp * i);
    await a.RunAsync(stop.Token);
}).ToList();
var failedToRun = 0;
foreach (var run in runs)
{
    try
    {
        await run;
    }
    catch (Exception e)
    {
        failedToRun++;
        Console.WriteLine($"A circuit stopped: {e.Message.Split('\n')[0]}");
    }
}
var closed = DateTime.UtcNow;
var during = memory.Between(started, closed);
var appCpu = AppMemory.Cpu(pid) - cpuBefore;
var loadAfter = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
await Task.Delay(TimeSpan.FromSeconds(10));
var after10 = AppMemory.Now(pid);
await Task.Delay(TimeSpan.FromSeconds(Math.Max(0, settle - 10)));
var afterSettle = AppMemory.Now(pid);

var opens = associates.SelectMany(a => a.CardOpens).OrderBy(o => o.At).ToList();
if (options.TryGetValue("--samples", out var samplesFile))
{
    // Every card: seconds since the start (Unix seconds too, to line up with a script's log), milliseconds, heavy work on.
    await File.WriteAllLinesAsync(samplesFile, ["unix_seconds,second,ms,heavy",
        .. opens.Select(o => string.Create(CultureInfo.InvariantCulture,
            $"{new DateTimeOffset(o.At).ToUnixTimeMilliseconds() / 1000.0:F1},{(o.At - started).TotalSeconds:F1},{o.Ms:F0},{(o.DuringHeavyWork ? 1 : 0)}"))]);
}
var times = opens.Select(o => o.Ms).Order().ToList();
double P(double q) => Percentile(times, q);
static double Percentile(List<double> sorted, double q) =>
    sorted.Count == 0 ? double.NaN : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(q * sorted.Count) - 1)];
static string Mb(long bytes) => (bytes / 1048576.0).ToString("N0", CultureInfo.InvariantCulture) + " MB";
var errors = associates.SelectMany(a => a.CircuitErrors).ToList();
var failures = associates.SelectMany(a => a.StepFailures).ToList();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"{circuits} {(browserless ? "browserless " : "")}circuits for {seconds} s{(think > TimeSpan.Zero ? $", {think.TotalSeconds:F0} s between customers" : "")}: {associates.Sum(a => a.Loops)} lookups (search, card, accept); card open p50 {P(0.5):F0} ms, p95 {P(0.95):F0} ms, max {(times.Count > 0 ? times[^1] : double.NaN):F0} ms ({times.Count} cards)."));
if (HeavyWork.MarkerFile is not null)
{
    foreach (var (heavy, label) in new[] { (true, "while the heavy work ran"), (false, "outside it") })
    {
        var part = opens.Where(o => o.DuringHeavyWork == heavy).Select(o => o.Ms).Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  card open {label}: {part.Count} cards, p50 {Percentile(part, 0.5):F0} ms, p95 {Percentile(part, 0.95):F0} ms, max {(part.Count > 0 ? part[^1] : double.NaN):F0} ms"));
    }
}
Console.WriteLine($"Circuit errors: {errors.Count}; steps that failed (timeouts): {failures.Count}; circuits that could not run: {failedToRun}; " +
                  $"taps dropped because the row had just been re-rendered away: {associates.Sum(a => a.DroppedTaps)}.");
foreach (var group in errors.Concat(failures).GroupBy(e => e).OrderByDescending(g => g.Count()).Take(5))
{
    Console.WriteLine($"  {group.Count()} × {group.Key}");
}
if (browserless)
{
    var calls = associates.Cast<BrowserlessAssociate>().SelectMany(a => a.JsCalls).GroupBy(c => c.Key, c => c.Value)
        .Select(g => $"{g.Key} ×{g.Sum()}").Take(12);
    Console.WriteLine($"JavaScript calls the server made (each answered at once, as a browser would): {string.Join(", ", calls)}");
}
Console.WriteLine($"App memory (working set): before {Mb(before)}; during peak {Mb(during.Peak)}, mean {Mb(during.Mean)}; " +
                  $"10 s after the circuits closed {Mb(after10)}; {settle} s after {Mb(afterSettle)}.");
// Browser and app share the machine: the app's CPU share and the load average say whose time the figures measure.
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"App CPU {appCpu.TotalSeconds:F0} s in {(closed - started).TotalSeconds:F0} s ({appCpu.TotalSeconds / (closed - started).TotalSeconds * 100:F0}% of one core); " +
    $"load average {loadBefore} at the start, {loadAfter} at the end, on {Environment.ProcessorCount} cores."));
return errors.Count == 0 && failures.Count == 0 && failedToRun == 0 ? 0 : 1;
