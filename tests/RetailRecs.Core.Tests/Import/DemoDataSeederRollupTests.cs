using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

public class DemoDataSeederRollupTests
{
    /// <summary>
    /// Another instance's worker refreshes the rollups as soon as the demo import commits, before the seeder puts the
    /// orders in the online store: the seeder marks their months again, so the next refresh rolls them up under it.
    /// </summary>
    [Fact]
    public async Task SeedAsync_RollupsRefreshedBeforeTheOrdersGetTheirStore_NextRefreshRollsThemUpUnderIt()
    {
        TestDatabase? database = null;
        var refreshedBetween = false;
        var pause = new AfterCommand(sql => sql.Contains("DISTINCT", StringComparison.Ordinal) && sql.Contains("StoreId", StringComparison.Ordinal)
            && sql.Contains("IS NULL", StringComparison.Ordinal), async () =>
        {
            await SalesRollup.RefreshAsync(database!.Get<IDbContextFactory<RetailDbContext>>());
            refreshedBetween = true;
        });
        await using var created = database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(pause));

        Assert.True((await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData)).Seeded);

        Assert.True(refreshedBetween);
        await SalesRollup.RefreshAsync(database.Get<IDbContextFactory<RetailDbContext>>());
        await using var db = database.CreateContext();
        var store = await db.Stores.Where(s => s.Code == DemoDataSeeder.OnlineStoreCode).Select(s => s.Id).SingleAsync();
        Assert.True(await db.ProductMonthSales.AnyAsync());
        Assert.Equal(0, await db.ProductMonthSales.CountAsync(r => r.StoreKey != store));
    }
}
