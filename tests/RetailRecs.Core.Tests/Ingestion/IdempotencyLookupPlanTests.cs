using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Ingestion;

/// <summary>
/// Every group the event writer commits first looks its requests' Idempotency-Keys up. Looked up by the idempotency key
/// alone, the lookup could not use the unique index (it leads with the calling API key), so the database read every
/// record ever stored, once per group: the cost per event grew with the table (on PostgreSQL, a sequential scan that
/// was the largest part of the server's time in `benchmark api`).
/// </summary>
public class IdempotencyLookupPlanTests
{
    [Fact]
    public async Task IngestAsync_WithIdempotencyKeys_LooksStoredRecordsUpThroughTheUniqueIndex()
    {
        var plans = new SqliteQueryPlans("IdempotencyRecords");
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(plans), sqliteOnly: true);
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var (key, _) = await database.Get<ApiKeyService>().CreateAsync("till", [ApiScopes.Events], StaffActor.System);
        string customer;
        await using (var db = database.CreateContext())
        {
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        }
        var ingestion = database.Get<EventIngestion>();
        StoreEvent[] sale = [new("purchase", customer, "85123A", 1, Invoice: "PLAN-1")];

        Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(key.Id, "plan-1", "h1", sale));
        var replay = Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(key.Id, "plan-1", "h1", sale));

        Assert.True(replay.Replayed); // found by the lookup
        Assert.NotEmpty(plans.Plans);
        Assert.All(plans.Plans, p => Assert.Contains(p.Steps, s => s.StartsWith("SEARCH", StringComparison.Ordinal)
                                                                   && s.Contains("IX_IdempotencyRecords_ApiKeyId_Key", StringComparison.Ordinal)));
    }
}
