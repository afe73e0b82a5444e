using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Testing;
using RetailRecs.Web.Api;

namespace RetailRecs.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class ApiEventsTests(RetailRecsWebFactory app)
{
    private async Task<RetailDbContext> DbAsync() => await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();

    [Fact]
    public async Task PostEvents_RetryWithTheSameIdempotencyKey_StoredOnceAndAReusedKeyWithAnotherBodyIsRefused()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var invoice = $"T-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var sale = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 2, unitPrice = 2.55m, invoice } } };
        var key = Guid.NewGuid().ToString();

        var first = await ApiClient.PostEventsAsync(client, sale, key);
        var retry = await ApiClient.PostEventsAsync(client, sale, key);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        Assert.False((await first.Content.ReadFromJsonAsync<ApiEventsAccepted>())!.Replayed);
        Assert.True((await retry.Content.ReadFromJsonAsync<ApiEventsAccepted>())!.Replayed);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice));
        Assert.Equal(5.10m, await db.Orders.Where(o => o.InvoiceNumber == invoice).Select(o => o.Revenue).SingleAsync());

        var other = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 3, invoice = invoice + "B" } } };
        var reused = await ApiClient.PostEventsAsync(client, other, key);
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Contains("different request", await reused.Content.ReadAsStringAsync());
        Assert.Equal(0, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice + "B"));
    }

    [Fact]
    public async Task PostEvents_SameInvoiceAgainWithoutAKey_409SaysItIsStoredWithoutAdviceAboutAKeyItNeverSent()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var invoice = $"N-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var sale = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1, unitPrice = 2.55m, invoice } } };

        Assert.Equal(HttpStatusCode.Accepted, (await ApiClient.PostEventsAsync(client, sale)).StatusCode);
        var again = await ApiClient.PostEventsAsync(client, sale);

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var detail = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains($"Invoice {invoice} is already stored", detail);
        Assert.Contains("nothing more to send", detail);
        Assert.DoesNotContain("its Idempotency-Key", detail);
        await using var db = await DbAsync();
        Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice));
    }

    [Fact]
    public async Task PostEvents_InvalidEvents_ValidationProblemNamingEachFieldAndNothingStored()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var invoice = $"V-{Guid.NewGuid():N}"[..16].ToUpperInvariant();
        var body = new
        {
            events = new object[]
            {
                new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1, invoice },
                new { type = "teleport", customerId = "17850", productId = "85123A" },
                new { type = "purchase", customerId = "17850", productId = "NO-SUCH-SKU", quantity = 1, invoice },
                new { type = "accepted", productId = "85123A" },
                new { type = "purchase", customerId = "17850", productId = "85123A", quantity = -4, invoice },
            },
        };

        var response = await ApiClient.PostEventsAsync(client, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = json.RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("events[1].type", out _));
        Assert.True(errors.TryGetProperty("events[3].customerId", out _));
        Assert.True(errors.TryGetProperty("events[4].quantity", out _));
        await using var db = await DbAsync();
        Assert.Equal(0, await db.Orders.CountAsync(o => o.InvoiceNumber == invoice));

        // Fields that are fine on their own, but a product nobody sent first.
        var unknown = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "purchase", customerId = "17850", productId = "NO-SUCH-SKU" } } });
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("PUT /api/v1/products", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostEvents_BodyOverTheSizeLimitOrNotJson_RefusedInWords()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);

        var huge = await client.PostAsync("/api/v1/events", new StringContent(new string(' ', 1_100_000) + "{}", System.Text.Encoding.UTF8, "application/json"));
        var broken = await client.PostAsync("/api/v1/events", new StringContent("{ \"events\": [", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Contains("not valid JSON", await broken.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task PostEvents_ShownForTheListTheAppShowed_IsAnEchoAndStoredOnce_AnotherProductIsANewFact()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var code = $"ECHO-{Guid.NewGuid():N}"[..14].ToUpperInvariant();
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/customers/{code}", new { firstName = "Echo" })).StatusCode);
        await using var db = await DbAsync();
        var customerId = await db.Customers.Where(c => c.CustomerCode == code).Select(c => c.Id).SingleAsync();
        var products = await db.Products.Where(p => !p.IsNonMerchandise).OrderBy(p => p.Id).Select(p => new { p.Id, p.Sku }).Take(4).ToListAsync();
        // The associate's card showed three of them (as the suggestions panel records a list).
        await app.Services.GetRequiredService<RetailRecs.Core.Recommendations.Feedback.InteractionRecorder>()
            .RecordAsync(customerId, products.Take(3).Select(p => p.Id).ToList(), RetailRecs.Core.Model.InteractionType.Shown, "lookup", 1, null);
        int Shown() => db.InteractionEvents.Count(e => e.CustomerId == customerId && e.Type == RetailRecs.Core.Model.InteractionType.Shown);

        // The till shows the same list to the customer and says so.
        var echo = await ApiClient.PostEventsAsync(client, new { events = products.Take(3).Select(p => new { type = "shown", customerId = code, productId = p.Sku, modelRunId = 1 }) });
        Assert.Equal(HttpStatusCode.Accepted, echo.StatusCode);
        Assert.Equal(3, Shown());

        // A product the app did not show is the till's own fact.
        var own = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "shown", customerId = code, productId = products[3].Sku, modelRunId = 1 } } });
        Assert.Equal(HttpStatusCode.Accepted, own.StatusCode);
        Assert.Equal(4, Shown());
    }
}
