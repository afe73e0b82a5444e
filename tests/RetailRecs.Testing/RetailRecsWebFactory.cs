using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace RetailRecs.Testing;

/// <summary>
/// The real app in Development (so it reads the repository's appsettings.Development.json, seeds the demo accounts
/// and the demo data) over its own SQLite file. Share one per test collection: seeding takes a few seconds.
/// </summary>
public class RetailRecsWebFactory : WebApplicationFactory<Program>
{
    private readonly TempDirectory _dir = new();

    public string DatabasePath => _dir.File("web.db");

    /// <summary>A key the root development settings file sets, which this factory overrides (to "Error").</summary>
    public const string OverriddenSetting = "Logging:LogLevel:Microsoft.AspNetCore";

    /// <summary>Extra settings a derived factory or test wants (applied last).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:SqlitePath", DatabasePath);
        // Also set by the root appsettings.Development.json (to Warning): host settings must win over that file.
        builder.UseSetting(OverriddenSetting, "Error");
        // Every query the app compiles is also compiled for SQL Server (production's provider).
        builder.ConfigureServices(services => services.AddSingleton<IInterceptor>(SqlServerQueryCheck.Instance));
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

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
