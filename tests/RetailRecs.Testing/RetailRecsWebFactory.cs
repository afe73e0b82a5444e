using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RetailRecs.Testing;

/// <summary>
/// The real app in Development (so it reads the repository's appsettings.Development.json, seeds the demo accounts
/// and the demo data) over its own SQLite file — or, on a PostgreSQL run (<see cref="TestServer"/>), its own throw-away
/// PostgreSQL database. Share one per test collection: seeding takes a few seconds.
/// </summary>
public class RetailRecsWebFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _dir = new();

    private string? _serverDatabase;

    public string DatabasePath => _dir.File("web.db");

    /// <summary>
    /// Whether the app follows the run's provider (RETAILRECS_TEST_PROVIDER). False for a factory whose tests are about
    /// the SQLite file itself (locks, a full disk, backups, a second instance by path) or that brings its own server
    /// database: those use <see cref="DatabasePath"/> or their own settings on every run.
    /// </summary>
    protected virtual bool FollowsTestProvider => true;

    /// <summary>A key the root development settings file sets, which this factory overrides (to "Error").</summary>
    public const string OverriddenSetting = "Logging:LogLevel:Microsoft.AspNetCore";

    /// <summary>Extra settings a derived factory or test wants (applied last).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:SqlitePath", DatabasePath);
        if (FollowsTestProvider && TestServer.Provider == Core.Data.DatabaseProvider.Postgres)
        {
            // ConfigureWebHost is synchronous; the database is made once, before the host starts. Waited for on the
            // thread pool: blocking xunit's synchronisation context on its own continuations hung the run.
            _serverDatabase ??= Task.Run(TestServer.CreatePostgresDatabaseAsync).GetAwaiter().GetResult();
            builder.UseSetting("Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:RetailRecs", _serverDatabase);
            builder.UseSetting("Database:MigrateOnStartup", "true");
        }
        // Also set by the root appsettings.Development.json (to Warning): host settings must win over that file.
        builder.UseSetting(OverriddenSetting, "Error");
        // Every query the app compiles is also compiled for SQL Server (production's provider).
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(SqlServerQueryCheck.Instance));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>
    /// The settings that put another instance (a second factory whose <see cref="FollowsTestProvider"/> is false) on this
    /// app's database, as a second server behind a load balancer. Read after this app has started.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> SameDatabaseSettings() => _serverDatabase is null
        ? [new("Database:SqlitePath", DatabasePath)]
        : [new("Database:Provider", "Postgres"), new("ConnectionStrings:RetailRecs", _serverDatabase), new("Database:MigrateOnStartup", "true")];

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see where the app sends them.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="account"/> through the real sign-in form.</summary>
    public async Task<HttpClient> SignedInClientAsync(DemoAccounts.Account account)
    {
        var client = CreateBrowserlikeClient();
        var response = await StaffSignIn.PostAsync(client, account.Email, account.Password);
        // Success sends the browser on into the app; a failure re-shows the form (200) or goes to /Account/Lockout.
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.ToString().Contains("/Account/", StringComparison.Ordinal) != false)
        {
            throw new InvalidOperationException($"Sign-in as {account.Email} failed: {(int)response.StatusCode}.");
        }
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            if (_serverDatabase is not null)
            {
                var database = _serverDatabase;
                Task.Run(() => TestServer.DropPostgresDatabaseAsync(database)).GetAwaiter().GetResult();
            }
            _dir.Dispose();
        }
    }

    /// <summary>A TCP port free right now on loopback, for hosts that must listen for a real browser.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
