using System.Diagnostics;
using Microsoft.Playwright;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.CircuitBenchmark;

/// <summary>
/// One associate at a counter: one browser context (its own sign-in, so its own Blazor circuit), looping over search a
/// customer → open the card → accept a suggestion → back to the search, all through in-app navigation, so the circuit
/// stays the same one for the whole run, as on a tablet left open.
/// </summary>
/// <param name="think">
/// The pause between two customers (each pause drawn between half and one and a half times it): an associate serves,
/// talks and rings up between lookups. Zero loops flat out, which measures the machine, not a shop.
/// </param>
internal sealed class AssociateCircuit(IBrowser browser, string baseUrl, DemoAccounts.Account account, IReadOnlyList<(string First, string Last)> customers, int seed,
    TimeSpan think = default) : IAssociate
{
    public List<CardOpen> CardOpens { get; } = [];
    public int Loops { get; private set; }
    public List<string> CircuitErrors { get; } = [];
    public List<string> StepFailures { get; } = [];
    /// <summary>Taps on an element a re-render had just removed (dropped by Blazor, the circuit unharmed).</summary>
    public int DroppedTaps { get; private set; }

    public async Task RunAsync(CancellationToken stop)
    {
        var random = new Random(seed);
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl, ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        // Blazor reports a broken circuit in the console ("Circuit has closed due to an error", "Connection disconnected").
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && !message.Text.Contains("favicon", StringComparison.OrdinalIgnoreCase))
            {
                lock (CircuitErrors)
                {
                    // A tap on a row that a re-render removed a moment before (search results replaced by a later answer):
                    // Blazor drops the tap and says so in the console; the circuit lives on. Counted apart, not as a failure.
                    if (message.Text.Contains("no event handler associated with this event", StringComparison.Ordinal))
                    {
                        DroppedTaps++;
                        return;
                    }
                    CircuitErrors.Add(message.Text.Length > 200 ? message.Text[..200] : message.Text);
                }
            }
        };
        page.PageError += (_, error) =>
        {
            lock (CircuitErrors)
            {
                CircuitErrors.Add(error.Length > 200 ? error[..200] : error);
            }
        };

        await SignInAsync(page, account);
        while (!stop.IsCancellationRequested)
        {
            var (first, last) = customers[random.Next(customers.Count)];
            try
            {
                await page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Customers" }).ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Find a customer");
                await page.GetByLabel("Customer").PressSequentiallyAsync($"{first[..3]} {last[..3]}", new() { Delay = 30 });
                var match = page.GetByText($"{first} {last}").First;
                await match.WaitForAsync();

                // Card open: from the tap on the name to the card's name and its suggestions on screen.
                var tapped = DateTime.UtcNow;
                var clock = Stopwatch.StartNew();
                var heavy = HeavyWork.IsOn;
                await match.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync($"{first} {last}");
                var suggestions = page.GetByTestId("suggestion");
                await suggestions.First.WaitForAsync();
                CardOpens.Add(new CardOpen(tapped, clock.Elapsed.TotalMilliseconds, heavy || HeavyWork.IsOn));

                await suggestions.First.GetByTestId("accept").ClickAsync();
                await Expect(suggestions.First.GetByTestId("recorded")).ToHaveTextAsync("accepted");
                Loops++;
                if (think > TimeSpan.Zero)
                {
                    await Task.Delay(think * (0.5 + random.NextDouble()), stop).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                StepFailures.Add(e.Message.Split('\n')[0]);
                if (await page.Locator("#blazor-error-ui").IsVisibleAsync())
                {
                    CircuitErrors.Add("The app's error bar is showing.");
                }
                // Start afresh, as an associate would reload the page.
                await page.GotoAsync("/customers");
                await page.Locator("[data-interactive=true]").WaitForAsync();
            }
        }
        // Closing as a tab closes: the page tells the server its circuit is done, so the server can free it at once.
        await page.CloseAsync(new() { RunBeforeUnload = true });
    }

    private static async Task SignInAsync(IPage page, DemoAccounts.Account account)
    {
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("Email").FillAsync(account.Email);
        await page.GetByLabel("Password").FillAsync(account.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Hello");
        await page.Locator("[data-interactive=true]").WaitForAsync();
    }
}
