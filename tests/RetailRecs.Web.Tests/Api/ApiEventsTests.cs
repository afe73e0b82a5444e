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
    /// <summary>
    /// Imports store codes upper-cased; a till that sends them in lower case found nothing: its sale of "85123a" was
    /// refused as an unknown product, its PUT of the product created a second one, and a customer's code in another
    /// case made a second customer whose sales never showed on the card.
    /// </summary>
    [Fact]
    public async Task PostEvents_CodesInLowerCase_MatchTheStoredProductCustomerAndInvoice()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var code = $"case-{Guid.NewGuid():N}"[..14];
        var invoice = $"t-{Guid.NewGuid():N}"[..12];
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/customers/{code.ToUpperInvariant()}", new { firstName = "Case" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/customers/{code}", new { lastName = "Lower" })).StatusCode);

        var sale = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "purchase", customerId = $" {code} ", productId = "85123a", quantity = 1, invoice } } });
        var again = await ApiClient.PostEventsAsync(client, new { events = new[] { new { type = "purchase", customerId = code, productId = "85123A", quantity = 1, invoice = invoice.ToUpperInvariant() } } });
        var suggestions = await client.GetAsync($"/api/v1/customers/{code}/suggestions");

        Assert.Equal(HttpStatusCode.Accepted, sale.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode); // the same invoice: stored once
        Assert.Equal(HttpStatusCode.OK, suggestions.StatusCode);
        await using var db = await DbAsync();
        var customer = await db.Customers.Where(c => c.CustomerCode.ToUpper() == code.ToUpperInvariant()).SingleAsync();
        Assert.Equal((code.ToUpperInvariant(), "Case", "Lower"), (customer.CustomerCode, customer.FirstName, customer.LastName));
        var order = await db.Orders.Where(o => o.InvoiceNumber.ToUpper() == invoice.ToUpperInvariant()).Select(o => new { o.InvoiceNumber, o.CustomerId, Skus = o.Lines.Select(l => l.Product!.Sku).ToList() }).SingleAsync();
        Assert.Equal((invoice.ToUpperInvariant(), customer.Id, "85123A"), (order.InvoiceNumber, order.CustomerId, Assert.Single(order.Skus)));
        Assert.Equal(1, await db.Products.CountAsync(p => p.Sku.ToUpper() == "85123A"));

        var sku = $"pc-{Guid.NewGuid():N}"[..10];
        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/products/{sku}", new { name = "Case mug" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/products/{sku.ToUpperInvariant()}", new { name = "Case mug, blue" })).StatusCode);
        var stored = await db.Products.Where(p => p.Sku.ToUpper() == sku.ToUpperInvariant()).Select(p => new { p.Sku, p.Name }).ToListAsync();
        Assert.Equal([(sku.ToUpperInvariant(), "Case mug, blue")], stored.Select(p => (p.Sku, p.Name)));
    }
}
