using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>
/// A server database restored from a backup into a new database: the customers erased since the backup are back in it,
/// and the replaced database (kept beside it) still lists them. Its list is read without changing it and carried over.
/// </summary>
public class ErasuresAfterServerRestoreTests
{
    private static readonly StaffActor Admin = new(null, "admin@store.example");

    [Fact]
    public async Task ReadKeysAsync_TheReplacedDatabase_CarriesItsErasuresAndErasesTheCustomersAgainOnce()
    {
        await using var replaced = await TestDatabase.CreateAsync();
        await using var restored = await TestDatabase.CreateAsync();
        foreach (var database in new[] { replaced, restored })
        {
            await using var db = database.CreateContext();
            db.Customers.AddRange(new Customer { CustomerCode = "17850", FirstName = "Ada" }, new Customer { CustomerCode = "12346", FirstName = "Grace" });
            await db.SaveChangesAsync();
        }
        Assert.NotNull(await replaced.Get<CustomerErasureService>().EraseAsync("17850", Admin)); // after the backup was taken

        var keys = await ErasuresAfterRestore.ReadKeysAsync(replaced.Provider, replaced.ConnectionString ?? replaced.FilePath);
        var first = await ErasuresAfterRestore.ReapplyAsync(restored.Get<IDbContextFactory<RetailDbContext>>(), restored.Get<CustomerErasureService>(), keys, Admin);
        var second = await ErasuresAfterRestore.ReapplyAsync(restored.Get<IDbContextFactory<RetailDbContext>>(), restored.Get<CustomerErasureService>(),
            await ErasuresAfterRestore.ReadKeysAsync(replaced.Provider, replaced.ConnectionString ?? replaced.FilePath), Admin);

        Assert.Equal(ErasedCustomerCodes.Key("17850"), Assert.Single(keys).CodeKey);
        Assert.Equal(new ErasuresAfterRestore.Outcome(1, 1), first);
        Assert.Equal(new ErasuresAfterRestore.Outcome(0, 0), second);
        await using (var db = restored.CreateContext())
        {
            Assert.Equal(["12346"], await db.Customers.Select(c => c.CustomerCode).ToListAsync());
            Assert.Equal(1, await db.ErasedCustomers.CountAsync());
            Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == CustomerErasureService.ErasedAction));
        }
        await using (var db = replaced.CreateContext())
        {
            Assert.Equal(1, await db.ErasedCustomers.CountAsync()); // read, not changed
        }
    }
}
