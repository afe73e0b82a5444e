using System.Diagnostics;
using System.Net;
using RetailRecs.Testing;
using Element = RetailRecs.CircuitBenchmark.Browserless.PageTree.ElementNode;

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
        var cookies = new CookieContainer();
        using (var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) })
        {
            var signIn = await StaffSignIn.PostAsync(http, account.Email, account.Password);
            if (signIn.StatusCode != HttpStatusCode.Redirect)
            {
                throw new InvalidOperationException($"Signing in answered {(int)signIn.StatusCode}, not a redirect.");
            }
        }
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
                var clock = Stopwatch.StartNew();
                var heavy = HeavyWork.IsOn;
                var tap = circuit.Read(t => Match(t, name)?.Handlers.GetValueOrDefault("click")) ?? 0;
                await circuit.ClickAsync(tap);
                await circuit.WaitForAsync(t => Heading(t)?.Contains(name, StringComparison.Ordinal) == true && FirstSuggestion(t) is not null,
                    StepTimeout, $"{name}'s card with suggestions");
                CardOpens.Add(new CardOpen(clock.Elapsed.TotalMilliseconds, heavy || HeavyWork.IsOn));

                var accept = circuit.Read(t => FirstSuggestion(t) is { } s ? TestId(s, "accept")?.Handlers.GetValueOrDefault("click") : null)
                    ?? throw new TimeoutException("The first suggestion has no accept button.");
                await circuit.ClickAsync(accept);
                await circuit.WaitForAsync(t => FirstSuggestion(t) is { } s && TestId(s, "recorded")?.Text() == "accepted",
                    StepTimeout, "the acceptance to be recorded");
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
            if (circuit.Errors.Any(e => e.StartsWith("Connection closed", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Drain(circuit);
        JsCalls = new Dictionary<string, int>(circuit.JsCalls);
    }

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

    private static bool SearchReady(PageTree tree) =>
        Heading(tree) == "Find a customer" && SearchBox(tree) is { } box && box.Handlers.ContainsKey("input") && box["disabled"] is null;

    private static string? Heading(PageTree tree) => tree.Elements().FirstOrDefault(e => e.Name == "h1")?.Text().Trim();

    private static Element? SearchBox(PageTree tree) => tree.Elements().FirstOrDefault(e => e.Name == "input" && e["role"] == "combobox");

    private static Element? Match(PageTree tree, string name) =>
        tree.Elements().FirstOrDefault(e => e["data-testid"] == "search-option" && e.Text().Contains(name, StringComparison.Ordinal));

    private static Element? FirstSuggestion(PageTree tree) => tree.Elements().FirstOrDefault(e => e["data-testid"] == "suggestion");

    private static Element? TestId(Element within, string testId) =>
        within.Children.OfType<PageTree.ContainerNode>().SelectMany(c => new[] { c }.Concat(Flatten(c))).OfType<Element>()
            .FirstOrDefault(e => e["data-testid"] == testId);

    private static IEnumerable<PageTree.ContainerNode> Flatten(PageTree.ContainerNode node) =>
        node.Children.OfType<PageTree.ContainerNode>().SelectMany(c => new[] { c }.Concat(Flatten(c)));
}
