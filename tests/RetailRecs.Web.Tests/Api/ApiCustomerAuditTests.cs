using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Data;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Api;

/// <summary>A store system's changes to a customer are audited: which key, which customer, which fields — never their values.</summary>
[Collection(ApiCollection.Name)]
public class ApiCustomerAuditTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task PutCustomer_CreateChangeOptOutAndRepeat_AuditsAndRecordsEachRealChangeOnceWithTheKeyAndFieldNames()
    {
        var (client, keyId) = await ApiClient.WithKeyAsync(app, ApiScopes.Customers);
        var code = $"AUD-{Guid.NewGuid():N}"[..14].ToUpperInvariant();

        Assert.Equal(HttpStatusCode.Created, (await client.PutAsJsonAsync($"/api/v1/customers/{code}",
            new { firstName = "Ada", email = "ada@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/customers/{code}",
            new { email = "ada.l@example.com", personalizationOptOut = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.PutAsJsonAsync($"/api/v1/customers/{code}",
            new { email = "ada.l@example.com", personalizationOptOut = true })).StatusCode); // nothing new: nothing audited

        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var id = (await db.Customers.SingleAsync(c => c.CustomerCode == code)).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var entries = await db.AuditEntries.Where(a => a.EntityType == "Customer" && a.EntityId == id).OrderBy(a => a.Id).ToListAsync();

        Assert.Equal([CatalogUpserts.CustomerCreatedAction, CatalogUpserts.CustomerUpdatedAction, CatalogUpserts.OptOutChangedAction],
            entries.Select(e => e.Action));
        Assert.All(entries, e => Assert.Equal($"api-key:{keyId}", e.UserId));
        Assert.All(entries, e => Assert.StartsWith("API key 'Test till", e.UserName, StringComparison.Ordinal));
        Assert.Equal("fields: firstName, email", entries[0].Details);
        Assert.Equal("fields: email, personalizationOptOut", entries[1].Details);
        Assert.Contains("objected to personalised suggestions and profiling; source: through the API (API key 'Test till", entries[2].Details);
        Assert.All(entries, e => Assert.DoesNotContain("example.com", e.Details));
        // The objection is also a dated consent record, once (the repeat changed nothing), naming the key.
        var record = Assert.Single(await db.ConsentRecords.Where(r => r.Customer!.CustomerCode == code).ToListAsync());
        Assert.False(record.Granted);
        Assert.Equal(ConsentSource.Api, record.Source);
        Assert.StartsWith("API key 'Test till", record.RecordedBy, StringComparison.Ordinal);
        Assert.True((await db.Customers.SingleAsync(c => c.CustomerCode == code)).PersonalizationOptOut);
    }
}
