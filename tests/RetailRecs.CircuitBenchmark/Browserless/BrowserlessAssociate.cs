using System.Diagnostics;
using RetailRecs.Testing;
using RetailRecs.Testing.Circuits;
using static RetailRecs.Testing.Circuits.LookupPages;

namespace RetailRecs.CircuitBenchmark.Browserless;

/// <summary>
/// The associate of <see cref="AssociateCircuit"/> without a browser: signs in over HTTP, then one circuit for the whole
/// run, looping over search a customer (typed a key at a time) → tap the match → the card with its suggestions → accept the
/// first → back to the search. The same events reach the same handlers as from a tablet; the card time runs from the tap
/// to the render batch that puts the customer's name and a suggestion on the page.
/// </summary>
internal sealed class BrowserlessAssociate(string baseUrl, DemoAccounts.Account account, IReadOnlyList<(string First, string Last)> customers, int seed,
    TimeSpan think = default) : IAssociate
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    public List<CardOpen> CardOpens { get; } = [];
    public int Loops { get; private set; }
    public List<string> CircuitErrors { get; } = [];
    public List<string> StepFailures { get; } = [];
    /// <summary>Taps the server could not dispatch: a render had replaced the element's handler on the way (as in a browser).</summary>
    public int DroppedTaps { get; private set; }
    public IReadOnlyDictionary<string, int> JsCalls { get; private set; } = new Dictionary<string, int>();

    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random(seed);
        var cookies = await BrowserlessCircuit.SignInAsync(baseUrl, account.Email, account.Password);
        await using var circuit = await BrowserlessCircuit.StartAsync(baseUrl, cookies, "/customers");
        await circuit.WaitForAsync(SearchReady, StepTimeout, "the search box to become interactive");
        while (!stop.IsCancellationRequested)
        {
            var (first, last) = customers[random.Next(customers.Count)];
            var name = $"{first} {last}";
            try
            {
                if (!circuit.Location.EndsWith("/customers", StringComparison.Ordinal))
                {
                    await circuit.NavigateAsync("customers");
                    await circuit.WaitForAsync(SearchReady, StepTimeout, "the search page");
                }
                // Typed a key at a time, 30 ms apart, as the browser benchmark types.
                var typed = $"{first[..3]} {last[..3]}";
                for (var n = 1; n <= typed.Length; n++)
                {
                    var input = circuit.Read(t => SearchBox(t)?.Handlers.GetValueOrDefault("input"))
                        ?? throw new TimeoutException("The search box lost its input handler.");
                    await circuit.InputAsync(input, typed[..n]);
                    await Task.Delay(30, CancellationToken.None);
                }
                await circuit.WaitForAsync(t => Match(t, name) is not null, StepTimeout, $"{name} among the matches");

                // Card open: from the tap on the name to the card's name and its suggestions on the page.
                var tapped = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                var heavy = HeavyWork.IsOn;
                var tap = circuit.Read(t => Match(t, name)?.Handlers.GetValueOrDefault("click")) ?? 0;
                await circuit.ClickAsync(tap);
                await circuit.WaitForAsync(t => CardWithSuggestions(t, name), StepTimeout, $"{name}'s card with suggestions");
                CardOpens.Add(new CardOpen(tapped, clock.Elapsed.TotalMilliseconds, heavy || HeavyWork.IsOn));

                // A tap can land as a render replaces the list (a new champion, a refresh): the server drops it, as in a
                // browser, and the associate taps again.
                await circuit.TapUntilAsync(t => Suggestions(t).FirstOrDefault() is { } s ? TestId(s, "accept")?.Handlers.GetValueOrDefault("click") : null,
                    Accepted, StepTimeout, "the acceptance to be recorded");
                Loops++;
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(think * (0.5 + random.NextDouble()), stop).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
            catch (TimeoutException e)
            {
                StepFailures.Add(e.Message);
                await circuit.NavigateAsync("customers");
            }
            Drain(circuit);
            if (CircuitErrors.Any(e => e.StartsWith("Connection closed", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Drain(circuit);
        JsCalls = new Dictionary<string, int>(circuit.JsCalls);
    }

    private static bool Accepted(PageTree page) => Suggestions(page).FirstOrDefault() is { } s && TestId(s, "recorded")?.Text() == "accepted";

    private void Drain(BrowserlessCircuit circuit)
    {
        while (circuit.EventFailures.TryDequeue(out _))
        {
            DroppedTaps++;
        }
        while (circuit.Errors.TryDequeue(out var error))
        {
            CircuitErrors.Add(error);
        }
    }
}
