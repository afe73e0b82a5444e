using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// API writes refused by the database (busy beyond the timeout, or full), the event writer's commit above all: the
/// caller is told 503 with Retry-After, nothing of the request is kept, and the same request sent again is stored once.
/// </summary>
[Trait("Database", "Sqlite")] // about the SQLite file itself: not run again on PostgreSQL
public class ApiFaultTests(FaultInjectionWebFactory app) : IClassFixture<FaultInjectionWebFactory>
{
    private async Task<int> OrdersAsync(string invoice)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        return await db.Orders.CountAsync(o => o.InvoiceNumber == invoice);
    }

    private static object Sale(string invoice, int lines = 1) => new
    {
        events = Enumerable.Range(0, lines)
            .Select(i => new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1 + i, unitPrice = 2.55m, invoice }).ToArray(),
    };

    private static async Task AssertRetryLaterAsync(HttpResponseMessage response, string words)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains(words, body);
        Assert.Contains("Idempotency-Key", body);
    }

    [Fact]
    public async Task PostEvents_DatabaseWriteLockedBeyondTimeout_503WithRetryAfterAndTheRetryIsStoredOnce()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var invoice = $"B-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var key = Guid.NewGuid().ToString();

        HttpResponseMessage refused;
        using (new SqliteWriteLock(app.DatabasePath))
        {
            refused = await ApiClient.PostEventsAsync(client, Sale(invoice), key);
        }

        await AssertRetryLaterAsync(refused, "The database is busy");
        Assert.Equal(0, await OrdersAsync(invoice));
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice), key)).StatusCode);
        Assert.Equal(1, await OrdersAsync(invoice));
    }

    [Fact]
    public async Task PostEvents_DiskFull_503WithRetryAfterNothingStoredAndTheRetrySucceedsOnceSpaceIsBack()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var invoice = $"F-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var key = Guid.NewGuid().ToString();
        // Not one page to spare, and a request of 1,000 lines needs dozens.
        app.Disk.FillUpAfter(app.DatabasePath, pages: 0);

        HttpResponseMessage refused;
        try
        {
            refused = await ApiClient.PostEventsAsync(client, Sale(invoice, lines: 1000), key);
        }
        finally
        {
            app.Disk.Limit = null;
        }

        await AssertRetryLaterAsync(refused, "The disk is full");
        Assert.Equal(0, await OrdersAsync(invoice));
        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, Sale(invoice, lines: 1000), key)).StatusCode);
        Assert.Equal(1, await OrdersAsync(invoice));
    }

    [Fact]
    public async Task PutProduct_DatabaseWriteLockedBeyondTimeout_503WithRetryAfterAndTheRetrySucceeds()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var sku = $"LOCK-{Guid.NewGuid():N}"[..12].ToUpperInvariant();
        var product = new { name = "Locked lantern", unitPrice = 4.95m };

        HttpResponseMessage refused;
        using (new SqliteWriteLock(app.DatabasePath))
        {
            refused = await client.PutAsJsonAsync($"/api/v1/products/{sku}", product);
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After in seconds");
        Assert.Contains("The database is busy", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/products/{sku}", product)).StatusCode);
    }
}
