using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Customers;

/// <summary>
/// The counter's lookup must not read every customer: at a chain's size a scan is what made it grow with the data.
/// SQLite's own query plan for each search the associate can type is asked for and must seek indexes only.
/// </summary>
public class CustomerSearchPlanTests : IAsyncLifetime
{
    private readonly SqliteQueryPlans _plans = new("Customers");
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(_plans), sqliteOnly: true);
        await using var db = _database.CreateContext();
        db.Customers.Add(new Customer { CustomerCode = "17850", FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com", Phone = "07700 900123", LoyaltyNumber = "RR12345678" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Theory]
    [InlineData("ada")]
    [InlineData("ada love")]
    [InlineData("Lovelace, Ada")]
    [InlineData("Ada Lovelace")]
    [InlineData("RR 1234 5678")]
    [InlineData("ada@example")]
    [InlineData("+44 7700 900123")]
    [InlineData("07700 900123")]
    [InlineData("900 123")]
    [InlineData("rr1234")]
    [InlineData("1785")]
    public async Task SearchAsync_AnythingAnAssociateTypes_SeeksIndexesAndNeverScansTheCustomers(string text)
    {
        _plans.Plans.Clear();
        Assert.Equal(["17850"], (await _database.Get<CustomerSearch>().SearchAsync(text)).Select(h => h.CustomerCode));

        var plan = Assert.Single(_plans.Plans).Steps;
        Assert.DoesNotContain(plan, step => step.StartsWith("SCAN", StringComparison.Ordinal));
        Assert.Contains(plan, step => step.Contains("USING INDEX", StringComparison.Ordinal));
    }
}
