using System.Net;
using Npgsql;
using RetailRecs.Testing;
using Xunit.Abstractions;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>
/// A member of staff opening a page while the PostgreSQL server restarts (every connection dropped, none taken for a
/// while): they read what happened in words, not an error page with a stack trace, and the same page works again
/// once the server is back, without restarting the app.
/// </summary>
public sealed class PageServerOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private sealed class OnPostgres(string connectionString) : RetailRecsWebFactory
    {
        protected override IEnumerable<KeyValuePair<string, string>> Settings =>
        [
            new("Database:Provider", "Postgres"), new("ConnectionStrings:RetailRecs", connectionString),
            new("Database:MigrateOnStartup", "true"), new("Training:TrainWhenNoModel", "false"),
        ];
    }

    private string _connectionString = "";
    private TcpOutage? _server;
    private OnPostgres? _app;

    public async Task InitializeAsync() => _connectionString = await TestServer.CreatePostgresDatabaseAsync();

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
        _server?.Dispose();
        await TestServer.DropPostgresDatabaseAsync(_connectionString);
    }

    [PostgresFact]
    public async Task GetPage_ServerDownThenBack_SaysTheDatabaseIsNotAnsweringThenShowsThePage()
    {
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        _server = new TcpOutage(direct.Host!, direct.Port);
        _app = new OnPostgres(new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = _server.Port, Timeout = 3 }.ConnectionString);
        using var client = await _app.SignedInClientAsync(DemoAccounts.Manager);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/customers")).StatusCode);

        _server.Down();
        using var during = await client.GetAsync("/customers");
        var page = await during.Content.ReadAsStringAsync();
        _server.Up();

        output.WriteLine($"{(int)during.StatusCode} {during.Content.Headers.ContentType}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.StatusCode);
        Assert.True(during.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Equal("text/html", during.Content.Headers.ContentType?.MediaType);
        Assert.Contains("The database is not answering", page);
        Assert.DoesNotContain("Exception", page);
        Assert.DoesNotContain(_server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), page);

        using var after = await client.GetAsync("/customers");
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Contains("Find a customer", await after.Content.ReadAsStringAsync());
    }
}
