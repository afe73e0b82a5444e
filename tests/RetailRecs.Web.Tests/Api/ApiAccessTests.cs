using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

[Collection(ApiCollection.Name)]
public class ApiAccessTests(RetailRecsWebFactory app)
{
    private static readonly object OneSale = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1 } } };

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)status, json.RootElement.GetProperty("status").GetInt32());
        Assert.Contains(title, json.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Call_WithoutAKey_401WithProblemDetails()
    {
        using var client = app.CreateClient();

        await AssertProblemAsync(await client.GetAsync("/api/v1/customers/17850/suggestions"), HttpStatusCode.Unauthorized, "API key");
        await AssertProblemAsync(await ApiClient.PostEventsAsync(client, OneSale), HttpStatusCode.Unauthorized, "API key");
    }

    [Fact]
    public async Task Call_MadeUpOrRevokedKey_RefusedAndRevokingIsAudited()
    {
        using var fake = app.CreateClient();
        fake.DefaultRequestHeaders.Add("X-Api-Key", "rr_not-a-real-key");
        await AssertProblemAsync(await fake.GetAsync("/api/v1/products/85123A/similar"), HttpStatusCode.Unauthorized, "API key");

        var (client, keyId) = await ApiClient.WithKeyAsync(app, ApiScopes.Suggestions);
        Assert.NotEqual(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/products/85123A/similar")).StatusCode);
        await app.Services.GetRequiredService<ApiKeyService>().RevokeAsync(keyId, new StaffActor("admin-id", "admin@retailrecs.example"));

        await AssertProblemAsync(await client.GetAsync("/api/v1/products/85123A/similar"), HttpStatusCode.Unauthorized, "API key");
        var audit = await app.Services.GetRequiredService<AuditLog>().SearchAsync(action: "apikey.revoked", entityId: keyId.ToString());
        Assert.Single(audit);
    }

    [Fact]
    public async Task Call_KeyWithoutTheScope_Forbidden()
    {
        var (client, _) = await ApiClient.WithKeyAsync(app, ApiScopes.Suggestions);

        await AssertProblemAsync(await ApiClient.PostEventsAsync(client, OneSale), HttpStatusCode.Forbidden, "may not");
        await AssertProblemAsync(await client.PutAsJsonAsync("/api/v1/products/NEW-1", new { name = "X" }), HttpStatusCode.Forbidden, "may not");
    }

    [Fact]
    public async Task CreateKey_Used_StoredHashedWithItsLastUseRecorded()
    {
        var (client, keyId) = await ApiClient.WithKeyAsync(app, ApiScopes.Suggestions);
        await client.GetAsync("/api/v1/products/85123A/similar");

        var key = (await app.Services.GetRequiredService<ApiKeyService>().ListAsync()).Single(k => k.Id == keyId);
        var secret = client.DefaultRequestHeaders.GetValues("X-Api-Key").Single();
        Assert.Equal(ApiKeyService.HashOf(secret), key.Hash);
        Assert.DoesNotContain(secret, key.Hash + key.Prefix + key.Name);
        Assert.NotNull(key.LastUsedAt);
    }

    [Fact]
    public async Task GetOpenApi_AsAdminOnly_ListsTheEndpoints()
    {
        using var anonymous = app.CreateBrowserlikeClient();
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync("/openapi/v1.json")).StatusCode);
        using var associate = await app.SignedInClientAsync(DemoAccounts.Associate);
        Assert.NotEqual(HttpStatusCode.OK, (await associate.GetAsync("/openapi/v1.json")).StatusCode);
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        var json = await admin.GetStringAsync("/openapi/v1.json");

        Assert.Contains("\"/api/v1/events\"", json);
        Assert.Contains("\"/api/v1/customers/{code}/suggestions\"", json);
        Assert.DoesNotContain("\"/Account/", json);
    }
}
