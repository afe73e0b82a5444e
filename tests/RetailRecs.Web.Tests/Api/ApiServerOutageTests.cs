using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// The app on a real PostgreSQL server that drops every connection and takes no new one for a while, as a restart does:
/// the API answers 503 with Retry-After in words (not 409, not 500), the app recovers without a restart, and a request
/// sent again with its Idempotency-Key is stored once.
/// </summary>
public sealed class ApiServerOutageTests : IAsyncLifetime
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

    private static object Sale(string invoice) => new
    {
        events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 2, unitPrice = 2.55m, invoice } },
    };

    [PostgresFact]
    public async Task PostEvents_ServerDownThenBack_503WithRetryAfterThenTheRetryIsStoredOnce()
    {
        // The app reaches the server through a port that can go down and come back, as the server does when it restarts.
        var direct = new NpgsqlConnectionStringBuilder(_connectionString);
        _server = new TcpOutage(direct.Host!, direct.Port);
        _app = new OnPostgres(new NpgsqlConnectionStringBuilder(_connectionString) { Host = "127.0.0.1", Port = _server.Port, Timeout = 3 }.ConnectionString);
        var (client, _) = await ApiClient.WithKeyAsync(_app);
        var warm = await ApiClient.PostEventsAsync(client, Sale($"W-{Guid.NewGuid():N}"[..16]), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode);

        var invoice = $"R-{Guid.NewGuid():N}"[..16];
        var key = Guid.NewGuid().ToString();
        _server.Down();
        var refused = await ApiClient.PostEventsAsync(client, Sale(invoice), key);
        _server.Up();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("cannot be reached", await refused.Content.ReadAsStringAsync());
        // Recovered without a restart (a dead pooled connection met on the way is replaced): the retry is stored once.
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice));
    }
}
