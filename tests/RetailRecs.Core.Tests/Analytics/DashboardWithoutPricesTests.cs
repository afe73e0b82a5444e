using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Analytics;

/// <summary>
/// The dashboard of a shop whose export has no prices and no times (the committed member, date and item file):
/// units and orders where money is unknown, never £0; members are not guests; no hour chart.
/// </summary>
public class DashboardWithoutPricesTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    private static DashboardFilter Whole => new(new DateOnly(2010, 12, 1), new DateOnly(2011, 12, 9));

    [Fact]
    public async Task GetAsync_NoPrices_KpisAreUnitsAndOrdersNotRevenue()
    {
        var data = await _database.Get<DashboardService>().GetAsync(Whole);

        Assert.False(data.RevenueKnown);
        await using var db = _database.CreateContext();
        var units = await db.OrderLines.SumAsync(l => l.Quantity);
        var kpi = data.Kpis.ToDictionary(k => k.Name);
        Assert.Equal(units, kpi["Units sold"].Value);
        Assert.Equal(await db.Orders.CountAsync(), kpi["Orders"].Value);
        Assert.DoesNotContain(data.Kpis, k => k.Format.StartsWith('C') || k.Name.Contains("Revenue") || k.Name.Contains("value"));
        // The trend, top products and countries count units: they add up to what was sold, none is a row of zeros.
        Assert.Equal(units, data.RevenueTrend.Sum(p => p.Value));
        Assert.Equal(units, data.RevenueByCountry.Sum(c => c.Value));
        var best = await db.OrderLines.GroupBy(l => l.Product!.Name).Select(g => new { Name = g.Key, Units = g.Sum(l => l.Quantity) })
            .OrderByDescending(g => g.Units).FirstAsync();
        Assert.Equal(best.Units, data.TopProducts[0].Value);
        Assert.All(data.TopCategories.Concat(data.TopProducts), p => Assert.True(p.Value > 0));
    }

    /// <summary>
    /// Without codes the Online Retail postage line is a product named "POSTAGE", the fourth most frequent line of the
    /// file: it was merchandise, among the top products and suggested as a best seller.
    /// </summary>
    [Fact]
    public async Task Import_PostageByNameOnly_IsNotMerchandise_NorATopProduct()
    {
        var data = await _database.Get<DashboardService>().GetAsync(Whole);

        await using var db = _database.CreateContext();
        Assert.True(await db.Products.Where(p => p.Sku == "POSTAGE").Select(p => p.IsNonMerchandise).SingleAsync());
        Assert.DoesNotContain(data.TopProducts, p => p.Label.Equals("POSTAGE", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task GetAsync_MembersWithoutCountry_AreNotCalledGuests()
    {
        var data = await _database.Get<DashboardService>().GetAsync(Whole);

        var only = Assert.Single(data.RevenueByCountry);
        Assert.Equal(DashboardService.CountryNotGiven, only.Label);
    }

    [Fact]
    public async Task GetAsync_DatesWithoutTimes_HasNoTimeOfDay()
    {
        var data = await _database.Get<DashboardService>().GetAsync(Whole);

        Assert.False(data.HasTimeOfDay);
        Assert.Equal(await _database.CreateContext().Orders.CountAsync(), data.WeekdayHours.Sum(c => c.Orders));
    }

    [Fact]
    public async Task GetAsync_GuestAndMemberWithoutCountry_AreTwoRows()
    {
        await using var db = _database.CreateContext();
        var mug = Product("MUG", "Mug");
        db.AddRange(
            Order("G1", null, new DateTime(2011, 6, 1, 10, 0, 0), (mug, 3, 2m)),
            Order("M1", new Customer { CustomerCode = "NEW1" }, new DateTime(2011, 6, 1, 11, 0, 0), (mug, 1, 2m)));
        await db.SaveChangesAsync();

        var data = await _database.Get<DashboardService>().GetAsync(new DashboardFilter(new DateOnly(2011, 6, 1), new DateOnly(2011, 6, 1)));

        Assert.True(data.RevenueKnown);
        Assert.True(data.HasTimeOfDay);
        Assert.Equal(6m, data.RevenueByCountry.Single(c => c.Label == DashboardService.Guest).Value);
        Assert.Equal(2m, data.RevenueByCountry.Single(c => c.Label == DashboardService.CountryNotGiven).Value);
    }
}
