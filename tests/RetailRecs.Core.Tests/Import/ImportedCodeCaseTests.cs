using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// The API keeps a till's or web shop's customer code as sent ("ws-ab12"); imports give every code in capitals. A file
/// naming that customer reaches the one record (before 2026-12-07 it created a second, "WS-AB12", beside it).
/// </summary>
public class ImportedCodeCaseTests
{
    private static async Task<(int InSmallLetters, int Both, int BothInCapitals)> StoreApiCustomersAsync(ImportFixture f)
    {
        var upserts = f.Database.Get<CatalogUpserts>();
        var api = new StaffActor(null, "api");
        foreach (var code in new[] { "ws-ab12", "xy9", "XY9" })
        {
            Assert.Equal(UpsertOutcome.Created, await upserts.UpsertCustomerAsync(code, new CustomerDetails(Email: $"{code}@example.com"), api));
        }
        await using var db = f.Database.CreateContext();
        var ids = await db.Customers.ToDictionaryAsync(c => c.CustomerCode, c => c.Id);
        return (ids["ws-ab12"], ids["xy9"], ids["XY9"]);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ImportTransactions_CodeTheApiStoredInSmallLetters_AddsTheSalesToThatCustomer(bool efWriter)
    {
        await using var f = await ImportFixture.CreateAsync();
        var (inSmallLetters, _, bothInCapitals) = await StoreApiCustomersAsync(f);
        f.Importer.ForceEfWriter = efWriter;

        var result = await f.ImportAsync(f.WriteFile("sales.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "1001,85123A,WHITE HANGING HEART,6,2011-11-01 10:00:00,2.55,WS-AB12,United Kingdom\n" +
            "1002,85123A,WHITE HANGING HEART,2,2011-11-02 10:00:00,2.55,ws-ab12,United Kingdom\n" +
            "1003,85123A,WHITE HANGING HEART,1,2011-11-03 10:00:00,2.55,xy9,United Kingdom\n" +
            "1004,85123A,WHITE HANGING HEART,1,2011-11-03 11:00:00,2.55,NEW1,United Kingdom\n"));

        Assert.Equal(1, result.Written!.CustomersAdded);
        await using var db = f.Database.CreateContext();
        Assert.Equal(["NEW1", "XY9", "ws-ab12", "xy9"], (await db.Customers.Select(c => c.CustomerCode).ToListAsync()).Order(StringComparer.Ordinal));
        var owners = await db.Orders.ToDictionaryAsync(o => o.InvoiceNumber, o => o.CustomerId);
        Assert.Equal(inSmallLetters, owners["1001"]);
        Assert.Equal(inSmallLetters, owners["1002"]);
        // Where both forms are stored, the one in capitals (as the file gives it) is the file's customer.
        Assert.Equal(bothInCapitals, owners["1003"]);
    }

    [Fact]
    public async Task ImportCustomers_CodeTheApiStoredInSmallLetters_UpdatesThatCustomer()
    {
        await using var f = await ImportFixture.CreateAsync();
        var (inSmallLetters, both, bothInCapitals) = await StoreApiCustomersAsync(f);

        var result = await f.ImportAsync(f.WriteFile("crm.csv", "Customer ID,First Name\nws-ab12,Ada\nxy9,Blaise\n"), kind: ImportKind.Customers);

        Assert.Equal((0, 2), (result.Upserted!.Added, result.Upserted.Updated));
        await using var db = f.Database.CreateContext();
        var names = await db.Customers.ToDictionaryAsync(c => c.Id, c => c.FirstName);
        Assert.Equal(3, names.Count);
        Assert.Equal("Ada", names[inSmallLetters]);
        Assert.Equal("Blaise", names[bothInCapitals]);
        Assert.Null(names[both]);
    }
}
