using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Startup;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Customers;

/// <summary>
/// The card reads one customer's orders. Without planner statistics SQLite read every non-cancelled order instead (it
/// chose the index on IsCancellation): 91 ms a card at 10× the Online Retail data. An import leaves statistics behind.
/// </summary>
public class CustomerCardPlanTests : IAsyncLifetime
{
    private readonly SqliteQueryPlans _plans = new("Orders", "OrderLines");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(_plans), sqliteOnly: true);
        var result = await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.SampleData,
            "online_retail_sample.csv.gz", "test"));
        Assert.Equal(ImportOutcome.Imported, result.Outcome);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task OpenAsync_AfterAnImport_ReadsTheCustomersOrdersByTheirIndex()
    {
        int id;
        await using (var db = _database.CreateContext())
        {
            id = await db.Customers.Where(c => c.CustomerCode == "17850").Select(c => c.Id).SingleAsync();
        }
        _plans.Plans.Clear();
        Assert.NotNull(await _database.Get<CustomerCardService>().OpenAsync(id, new StaffActor(null, "test")));

        var byCustomer = _plans.Plans.Where(p => p.Sql.Contains("\"CustomerId\" = @", StringComparison.Ordinal)).ToList();
        // Totals, favourites, recent orders, favourite categories, whether any line has a price and whether any has none.
        Assert.Equal(6, byCustomer.Count);
        Assert.All(byCustomer, p => Assert.Contains(p.Steps, s => s.Contains("IX_Orders_CustomerId_PlacedAt", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AfterMigrationAsync_ACustomerSavedBeforeTheSearchColumns_IsFoundAfterTheNextStart()
    {
        await using (var db = _database.CreateContext())
        {
            db.Customers.Add(new Customer { CustomerCode = "X1", FirstName = "Grace", LastName = "Hopper", Phone = "07700 900321" });
            await db.SaveChangesAsync();
            // As a database migrated from before the search columns has them: empty.
            await db.Database.ExecuteSqlRawAsync("""UPDATE "Customers" SET "SearchFirstName" = NULL, "SearchLastName" = NULL, "SearchPhone" = NULL, "SearchPhoneReversed" = NULL""");
            await db.Database.ExecuteSqlRawAsync("DROP TABLE sqlite_stat1");
        }
        var search = _database.Get<CustomerSearch>();
        Assert.Empty(await search.SearchAsync("hopper"));

        await using (var db = _database.CreateContext())
        {
            await DatabaseUpkeep.AfterMigrationAsync(db);
            Assert.True(await PlannerStatistics.ExistAsync(db));
        }
        Assert.Equal(["Grace Hopper"], (await search.SearchAsync("hopper")).Select(h => h.Name));
        Assert.Equal(["Grace Hopper"], (await search.SearchAsync("900 321")).Select(h => h.Name));
    }
}
