using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// The app on a real PostgreSQL server that drops every connection and takes no new one for a while, as a restart does:
/// the API answers 503 with Retry-After in words (not 409, not 500), the app recovers without a restart, and a request
/// sent again with its Idempotency-Key is stored once.
/// </summary>
public sealed class ApiServerOutageTests
{
    private static object Sale(string invoice) => new
    {
        events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 2, unitPrice = 2.55m, invoice } },
    };

    [PostgresFact]
    public async Task PostEvents_ServerDownThenBack_503WithRetryAfterThenTheRetryIsStoredOnce()
    {
        // The app reaches the server through a port that can go down and come back, as the server does when it restarts.
        await using var outage = await PostgresOutageApp.CreateAsync();
        var (app, server) = (outage.App, outage.Server);
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var warm = await ApiClient.PostEventsAsync(client, Sale($"W-{Guid.NewGuid():N}"[..16].ToUpperInvariant()), Guid.NewGuid().ToString());
        Assert.Equal(HttpStatusCode.Accepted, warm.StatusCode);

        var invoice = $"R-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var key = Guid.NewGuid().ToString();
        server.Down();
        var refused = await ApiClient.PostEventsAsync(client, Sale(invoice), key);
        server.Up();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("cannot be reached", await refused.Content.ReadAsStringAsync());
        // Recovered without a restart (a dead pooled connection met on the way is replaced): the retry is stored once.
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice));
    }
}
