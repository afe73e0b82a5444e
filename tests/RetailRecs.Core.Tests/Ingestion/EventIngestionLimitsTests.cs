using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Ingestion;

/// <summary>Text that would not fit a column is refused in words; SQLite never enforced the sizes, a server does.</summary>
public class EventIngestionLimitsTests
{
    [Fact]
    public async Task IngestAsync_SaleWithoutInvoice_GetsAnInvoiceNumberThatFitsTheColumn()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using var db = database.CreateContext();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        var ordersBefore = await db.Orders.CountAsync();

        Assert.IsType<IngestionOutcome.Ingested>(await database.Get<EventIngestion>().IngestAsync(0, null, "h", [new StoreEvent("purchase", customer, "85123A", 2)]));

        var invoice = await db.Orders.OrderByDescending(o => o.Id).Select(o => o.InvoiceNumber).FirstAsync();
        Assert.Equal(ordersBefore + 1, await db.Orders.CountAsync());
        Assert.StartsWith("API-", invoice);
        Assert.InRange(invoice.Length, 5, EventIngestion.MaxInvoiceLength);
    }

    [Fact]
    public async Task IngestAsync_InvoiceOrStoreTooLong_RefusedNamingTheFieldAndNothingStored()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await using var db = database.CreateContext();
        var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        var ordersBefore = await db.Orders.CountAsync();

        var outcome = await database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", customer, "85123A", 1, Invoice: new string('7', 33)),
             new StoreEvent("purchase", customer, "85123A", 1, Store: new string('S', 33))]);

        Assert.Equal([(0, "invoice"), (1, "store")], Assert.IsType<IngestionOutcome.Refused>(outcome).Errors.Select(e => (e.Event!.Value, e.Field)));
        Assert.Equal(ordersBefore, await db.Orders.CountAsync());
    }
}
