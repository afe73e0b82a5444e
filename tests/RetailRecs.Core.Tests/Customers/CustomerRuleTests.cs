using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Ingestion;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Customers;

/// <summary>A new customer joins as the one rule says, whichever way they arrive.</summary>
public class CustomerRuleTests
{
    [Fact]
    public async Task IngestAsync_TillSaleOfACustomerNotYetStored_CreatesThemJoinedOnTheSaleDay()
    {
        await using var database = await TestDatabase.CreateAsync();
        Assert.IsType<UpsertOutcome.Stored>(await database.Get<CatalogUpserts>().UpsertProductAsync("85123A", new ProductDetails("Heart holder")));
        var saleAt = new DateTime(2026, 3, 14, 15, 9, 0, DateTimeKind.Utc);

        Assert.IsType<IngestionOutcome.Ingested>(await database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", "TILL-NEW-1", "85123A", 1, 2.55m, "TILL-INV-1", saleAt)]));

        await using var db = database.CreateContext();
        Assert.Equal(new DateOnly(2026, 3, 14), (await db.Customers.SingleAsync(c => c.CustomerCode == "TILL-NEW-1")).JoinedOn);
    }

    [Fact]
    public async Task UpsertCustomerAsync_NewCustomerBeforeAnySale_JoinedTheDayTheyAreRecorded()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.Equal(UpsertOutcome.Created, await database.Get<CatalogUpserts>().UpsertCustomerAsync("API-NEW-1", new CustomerDetails(FirstName: "Ada"),
            new StaffActor(null, "till")));

        await using var db = database.CreateContext();
        Assert.Equal(DateOnly.FromDateTime(DateTime.UtcNow), (await db.Customers.SingleAsync(c => c.CustomerCode == "API-NEW-1")).JoinedOn);
    }
}
