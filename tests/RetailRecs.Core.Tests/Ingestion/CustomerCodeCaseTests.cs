using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Ingestion;

/// <summary>
/// Imports store customer codes upper-cased, tills send them as they have them: "ab12" from a till is the "AB12" an
/// export imported, not a second customer (before 2026-12-06 the sale, the customer upsert and the suggestions by code
/// each missed them; the sale and the upsert created another customer).
/// </summary>
public class CustomerCodeCaseTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var path = _dir.File("members.csv");
        await File.WriteAllTextAsync(path, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "1001,85123A,WHITE HANGING HEART,6,2011-11-01 10:00:00,2.55,ab12,United Kingdom\n");
        await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, path, "members.csv", "test"));
    }

    public async Task DisposeAsync()
    {
        await _database.DisposeAsync();
        _dir.Dispose();
    }

    private async Task<List<(int Id, string Code)>> CustomersAsync()
    {
        await using var db = _database.CreateContext();
        return (await db.Customers.Select(c => new { c.Id, c.CustomerCode }).ToListAsync()).Select(c => (c.Id, c.CustomerCode)).ToList();
    }

    [Fact]
    public async Task TillSaleUpsertAndSuggestions_CodeInSmallLetters_ReachTheImportedCustomer()
    {
        var (id, code) = Assert.Single(await CustomersAsync());
        Assert.Equal("AB12", code);

        Assert.IsType<IngestionOutcome.Ingested>(await _database.Get<EventIngestion>().IngestAsync(0, null, "sale",
            [new StoreEvent("purchase", "ab12", "85123A", 1, 2.55m, Invoice: "TILL-1")]));
        Assert.Equal(UpsertOutcome.Updated, await _database.Get<CatalogUpserts>().UpsertCustomerAsync("ab12",
            new CustomerDetails(Email: "ann@example.com"), new StaffActor(null, "api")));
        var suggested = await _database.Get<SuggestionsByCode>().ForCustomerAsync("ab12", SuggestionMode.Discovery, 10);

        Assert.Equal([(id, "AB12")], await CustomersAsync());
        await using var db = _database.CreateContext();
        Assert.Equal(id, await db.Orders.Where(o => o.InvoiceNumber == "TILL-1").Select(o => o.CustomerId).SingleAsync());
        Assert.Equal("ann@example.com", await db.Customers.Where(c => c.Id == id).Select(c => c.Email).SingleAsync());
        Assert.IsNotType<SuggestionsOutcome.UnknownCustomer>(suggested);
    }
}
