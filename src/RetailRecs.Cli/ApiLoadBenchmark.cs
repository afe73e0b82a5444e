using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;

namespace RetailRecs.Cli;

/// <summary>
/// `retailrecs benchmark api`: from its own process, posts sales events to a running app over loopback at rising
/// rates (open loop: requests leave on schedule whether or not earlier ones answered), reports each step's sustained
/// throughput and latency, then counts what the database stored: events sent = events stored, or it says which went missing.
/// Several instances (--url A,B) share the load in turn, as behind a load balancer, and one database.
/// </summary>
internal static class ApiLoadBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = CommandLineOptions.Parse(args);
        var urls = options.Get("--url", "http://127.0.0.1:5099").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => u.TrimEnd('/')).ToList();
        var key = options.Get("--key") ?? Environment.GetEnvironmentVariable("RETAILRECS_API_KEY");
        if (key is null)
        {
            Console.Error.WriteLine("benchmark api needs --key KEY (see `apikey create`), and --database FILE for the app's SQLite file " +
                "(without it, what was stored is counted in the configured database: Database__Provider, ConnectionStrings__RetailRecs).");
            return 2;
        }
        var rates = (options.Get("--rates") ?? "100,250,500,750,1000").Split(',').Select(r => int.Parse(r, CultureInfo.InvariantCulture)).ToList();
        var seconds = options.Int("--seconds", 10);
        var skus = (options.Get("--skus") ?? "85123A,22423,47566,20725,84879,22720,21212,22197,23203,22383").Split(',');
        var run = $"LOAD-{DateTime.UtcNow:HHmmss}";
        // --on DAY: the sales dated that day (at the time of day they are sent), e.g. the last day of a scaled file's
        // data, so they land in the month the dashboard shows; by default they are today's.
        DateTime? on = options.Get("--on") is { } day
            ? DateTime.SpecifyKind(DateOnly.Parse(day, CultureInfo.InvariantCulture).ToDateTime(TimeOnly.FromDateTime(DateTime.UtcNow)), DateTimeKind.Utc)
            : null;

        var clients = urls.Select(url =>
        {
            var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            {
                BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(10),
            };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            return http;
        }).ToList();
        // Request n goes to instance n mod count: a round-robin balancer. A till's retry goes to the same instance.
        HttpClient For(int n) => clients[(n % clients.Count + clients.Count) % clients.Count];
        var sent = 0;
        var ok = 0;
        for (var i = 0; i < clients.Count; i++)
        {
            var warm = await Post(clients[i], run, -1 - i, skus, on);
            if (!warm.Ok)
            {
                Console.Error.WriteLine($"The app at {urls[i]} did not take a test event: {warm.Error}");
                return 1;
            }
            sent++;
            ok++;
        }
        // Warm-up, not reported: the app's JIT and query caches settle as they have in a server that has been up a while.
        var warmUp = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => Post(For(i), run, 1_000_000 + i, skus, on)));
        sent += warmUp.Length;
        ok += warmUp.Count(w => w.Ok);
        Console.WriteLine(urls.Count == 1 ? $"One instance: {urls[0]}" : $"{urls.Count} instances, requests in turn: {string.Join(", ", urls)}");
        Console.WriteLine($"{"target/s",8} {"sent",7} {"ok",7} {"failed",7} {"achieved/s",10} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8}");
        foreach (var rate in rates)
        {
            var results = new ConcurrentBag<(bool Ok, double Ms, string? Error)>();
            var inFlight = new List<Task>();
            var total = rate * seconds;
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < total; i++)
            {
                var due = TimeSpan.FromSeconds((double)i / rate);
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.FromMilliseconds(1))
                {
                    await Task.Delay(wait);
                }
                var n = sent + i;
                inFlight.Add(Task.Run(async () => results.Add(await Post(For(n), run, n, skus, on))));
            }
            await Task.WhenAll(inFlight);
            var elapsed = clock.Elapsed.TotalSeconds;
            sent += total;
            var good = results.Where(r => r.Ok).Select(r => r.Ms).Order().ToList();
            ok += good.Count;
            double P(double q) => good.Count == 0 ? double.NaN : good[Math.Min(good.Count - 1, (int)Math.Ceiling(q * good.Count) - 1)];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{rate,8} {total,7} {good.Count,7} {total - good.Count,7} {good.Count / elapsed,10:F0} {P(0.5),8:F1} {P(0.95),8:F1} {P(0.99),8:F1}"));
            foreach (var error in results.Where(r => !r.Ok).GroupBy(r => r.Error).Take(3))
            {
                Console.WriteLine($"         {error.Count()} × {error.Key}");
            }
        }

        foreach (var http in clients)
        {
            http.Dispose();
        }
        await using var services = await CliDatabase.OpenAsync(options.Get("--database"));
        await using var db = await services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var stored = await db.Orders.CountAsync(o => o.InvoiceNumber.StartsWith(run + "-"));
        Console.WriteLine($"Events accepted {ok:N0} of {sent:N0} sent; stored {stored:N0}: " +
                          (stored == ok ? "nothing lost, nothing doubled." : $"MISMATCH of {stored - ok:+#;-#;0}."));
        return stored == ok ? 0 : 1;
    }

    private static async Task<(bool Ok, double Ms, string? Error)> Post(HttpClient http, string run, int n, string[] skus, DateTime? on)
    {
        var body = new
        {
            events = new[]
            {
                new { type = "purchase", customerId = (12346 + Math.Abs(n) % 4000).ToString(CultureInfo.InvariantCulture), productId = skus[Math.Abs(n) % skus.Length],
                    quantity = 1 + Math.Abs(n) % 5, unitPrice = 2.5m, invoice = $"{run}-{n}", occurredAt = on },
            },
        };
        var clock = Stopwatch.StartNew();
        string? error = null;
        // As a till would: a request that timed out or failed in transit is sent again with the same Idempotency-Key,
        // so it is stored once whether or not the first attempt got through (after Retry-After, when the app gives
        // one). Latency counts from the first attempt.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = JsonContent.Create(body) };
                request.Headers.Add("Idempotency-Key", $"{run}-{n}");
                using var response = await http.SendAsync(request);
                if (response.IsSuccessStatusCode)
                {
                    return (true, clock.Elapsed.TotalMilliseconds, null);
                }
                error = $"HTTP {(int)response.StatusCode}";
                if ((int)response.StatusCode is not (429 or >= 500))
                {
                    break;
                }
                // A refusal that says when to come back (503 while the database restarts) is sent again then, as a till would.
                if (response.Headers.RetryAfter?.Delta is { } after && attempt < 2)
                {
                    await Task.Delay(after < TimeSpan.FromSeconds(10) ? after : TimeSpan.FromSeconds(10));
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = e.GetType().Name;
            }
        }
        return (false, 0, error);
    }
}
