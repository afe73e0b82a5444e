using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// The app listening on a loopback port (the real Kestrel server, Development settings, demo data seeded)
/// and one headless Chromium for the whole collection.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private readonly KestrelApp _app = new();
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go, so a person (and CI's artefacts) can look at what the browser saw.</summary>
    public static string ScreenshotDirectory { get; } = Directory.CreateDirectory(
        Path.Combine(RepositoryPaths.Root, "tests", "RetailRecs.E2E.Tests", "TestResults", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            return; // BrowserFact skips the tests (or, under CI, they fail on the missing browser).
        }
        BaseUrl = _app.Start();
        // Assertions wait as long as actions (15 s): the app trains its first models while the journeys run, and on a
        // 2-core CI machine a page can take longer than Playwright's default 5 s to answer then.
        Assertions.SetDefaultExpectTimeout(15_000);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            // The machine has no network beyond loopback: keep Chromium from phoning home.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser context (no cookies) at a 10-inch tablet's size, landscape unless asked otherwise.</summary>
    public Task<IPage> NewTabletPageAsync(bool portrait = false) => portrait ? NewPageAsync(800, 1280) : NewPageAsync(1280, 800);

    /// <summary>A fresh browser context (no cookies) with a viewport of this size (the store tablets: 1024×768, 768×1024).</summary>
    public async Task<IPage> NewPageAsync(int width, int height)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl,
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>A customer of the seeded demo data, to look up the way an associate would.</summary>
    public async Task<(string First, string Last, string Email)> FirstCustomerAsync()
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var c = await db.Customers.OrderBy(c => c.Id).Where(c => c.FirstName!.Length >= 3 && c.LastName!.Length >= 3).FirstAsync();
        return (c.FirstName!, c.LastName!, c.Email!);
    }

    public IServiceProvider Services => _app.Services;

    /// <summary>Waits for the app's first background training (started because the demo database had no model) to promote a champion.</summary>
    public async Task WaitForChampionAsync()
    {
        // The first training also trains every model again for the champion's selection: about twice the work.
        var deadline = DateTime.UtcNow.AddMinutes(6);
        while (true)
        {
            await using var db = await _app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
            if (await db.ModelRuns.AnyAsync(r => r.IsChampion))
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("No champion model six minutes after start-up: the first training did not finish.");
            }
            await Task.Delay(500);
        }
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }
        _playwright?.Dispose();
        await _app.DisposeAsync();
    }

    private sealed class KestrelApp : RetailRecsWebFactory
    {
        public string Start()
        {
            var port = FreePort();
            UseKestrel(port);
            StartServer();
            return $"http://127.0.0.1:{port}";
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
