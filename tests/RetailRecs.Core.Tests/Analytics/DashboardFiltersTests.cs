using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Analytics;

/// <summary>Categories, stores and the segment filter of the dashboard, on figures worked out on paper.</summary>
public class DashboardFiltersTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _regulars, _shopA, _shopB;
    private DashboardService Dashboard => _database.Get<DashboardService>();
    private static DashboardFilter January => new(new DateOnly(2011, 1, 1), new DateOnly(2011, 1, 31));

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        var mug = Product("MUG", "Mug");
        mug.Category = "Kitchen";
        var lamp = Product("LAMP", "Lamp");
        lamp.AutoCategory = "Lighting";
        var post = Product("POST", "Postage");
        post.IsNonMerchandise = true;
        var ann = new Customer { CustomerCode = "1" };
        var bob = new Customer { CustomerCode = "2" };
        var a = new Store { Code = "A", Name = "High Street" };
        var b = new Store { Code = "B", Name = "Station" };
        await using var db = _database.CreateContext();
        var orders = new[]
        {
            Order("1001", ann, new DateTime(2011, 1, 3, 10, 0, 0), (mug, 4, 2.50m), (lamp, 1, 10m)),   // 20.00 at A
            Order("1002", bob, new DateTime(2011, 1, 4, 14, 0, 0), (lamp, 2, 9.75m), (post, 1, 15m)),  // 34.50 at B
            Order("1003", null, new DateTime(2011, 1, 4, 14, 30, 0), (mug, 6, 2.50m)),                 // 15.00 at A, guest
            Order("C1004", ann, new DateTime(2011, 1, 5, 11, 0, 0), (mug, -2, 2.50m)),                 // -5.00 returned at A
        };
        orders[0].Store = orders[2].Store = orders[3].Store = a;
        orders[1].Store = b;
        db.AddRange(orders);
        // A current segmentation in which only Ann is a "regular".
        var run = new SegmentationRun { Status = ModelRunStatus.Succeeded, IsCurrent = true, StartedBy = "test", K = 2 };
        var regulars = new Segment { Run = run, Number = 0, Name = "Regulars", GeneratedName = "Regulars" };
        var others = new Segment { Run = run, Number = 1, Name = "Others", GeneratedName = "Others" };
        db.AddRange(run, regulars, others);
        await db.SaveChangesAsync();
        db.CustomerSegments.AddRange(
            new CustomerSegment { RunId = run.Id, CustomerId = ann.Id, SegmentId = regulars.Id, RfmSegment = "Champions" },
            new CustomerSegment { RunId = run.Id, CustomerId = bob.Id, SegmentId = others.Id, RfmSegment = "Hibernating" });
        await db.SaveChangesAsync();
        (_regulars, _shopA, _shopB) = (regulars.Id, a.Id, b.Id);
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task GetAsync_TopCategories_SumTheMerchandiseLinesByOwnOrAutomaticCategory()
    {
        var data = await Dashboard.GetAsync(January);

        // Lighting: 10 + 19.50; Kitchen: 10 + 15. Postage is not merchandise.
        Assert.Equal([("Lighting", 29.50m), ("Kitchen", 25.00m)], data.TopCategories.Select(c => (c.Label, c.Value)));
    }

    [Fact]
    public async Task GetAsync_AStoreWhoseFirstSaleIsInsideThePreviousPeriod_IsNotComparedButEveryStoreIs()
    {
        await using (var db = _database.CreateContext())
        {
            var ann = await db.Customers.SingleAsync(c => c.CustomerCode == "1");
            var mug = await db.Products.SingleAsync(p => p.Sku == "MUG");
            var early = Order("0990", ann, new DateTime(2010, 11, 15, 10, 0, 0), (mug, 1, 2.50m));   // High Street, before December
            var opening = Order("0995", ann, new DateTime(2010, 12, 20, 10, 0, 0), (mug, 2, 2.50m)); // Station's first sale
            early.StoreId = _shopA;
            opening.StoreId = _shopB;
            db.AddRange(early, opening);
            await db.SaveChangesAsync();
        }

        var station = await Dashboard.GetAsync(January with { StoreId = _shopB });
        var everyStore = await Dashboard.GetAsync(January);

        // December (the previous period) held 11 days of the Station: 5.00 against a full January would read as growth.
        Assert.All(station.Kpis, k => Assert.Null(k.Previous));
        Assert.Equal(5.00, everyStore.Kpis.Single(k => k.Name == "Revenue").Previous!.Value, 2);
    }

    [Fact]
    public async Task GetAsync_AllStoresOrOneStore_GivesRevenueByStoreOrThatStoresFigures()
    {
        var all = await Dashboard.GetAsync(January);
        var station = await Dashboard.GetAsync(January with { StoreId = _shopB });

        // High Street: 20.00 + 15.00 (the guest sale counts for the store); Station: 34.50.
        Assert.Equal([("High Street", 35.00m), ("Station", 34.50m)], all.RevenueByStore.Select(s => (s.Label, s.Value)));
        Assert.Equal(2, all.Stores.Count);
        Assert.Equal(34.50, station.Kpis.Single(k => k.Name == "Revenue").Value, 2);
        Assert.Equal(1, station.Kpis.Single(k => k.Name == "Orders").Value);
        Assert.Equal(0, station.Kpis.Single(k => k.Name == "Return rate (value)").Value);
        Assert.NotEqual(_shopA, _shopB);
    }

    [Fact]
    public async Task GetAsync_SegmentFilter_KeepsOnlyItsMembersSalesAndReturns()
    {
        var data = await Dashboard.GetAsync(January with { SegmentId = _regulars });

        var kpi = data.Kpis.ToDictionary(k => k.Name);
        Assert.Equal(20.00, kpi["Revenue"].Value, 2);
        Assert.Equal(1, kpi["Orders"].Value);
        Assert.Equal(1, kpi["Customers"].Value);
        Assert.Equal(0.25, kpi["Return rate (value)"].Value, 4);
        Assert.Equal(["Mug", "Lamp"], data.TopProducts.Select(p => p.Label).Order().Reverse());
        Assert.Equal(["Regulars", "Others"], data.Segments.Select(s => s.Name));
    }
    /// <summary>
    /// A bookmarked view of a segment that a later segmentation replaced: the figures were the old run's members,
    /// under no visible name. The view now shows everyone and says why.
    /// </summary>
    [Fact]
    public async Task GetAsync_SegmentOfAnEarlierSegmentation_ShowsEveryoneAndSaysWhy()
    {
        await using (var db = _database.CreateContext())
        {
            await db.SegmentationRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.IsCurrent, false));
        }
        try
        {
            var stale = await Dashboard.GetAsync(January with { SegmentId = _regulars, StoreId = 999_999 });
            var everyone = await Dashboard.GetAsync(January);

            Assert.Equal((null, null), (stale.Filter.SegmentId, stale.Filter.StoreId));
            Assert.Contains("belongs to an earlier segmentation", stale.FilterNotice);
            Assert.Contains("store in this address is not in the data", stale.FilterNotice);
            Assert.Equal(everyone.Kpis.Select(k => k.Value), stale.Kpis.Select(k => k.Value));
            Assert.Null(everyone.FilterNotice);
        }
        finally
        {
            await using var db = _database.CreateContext();
            await db.SegmentationRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.IsCurrent, true));
        }
    }
}
