using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Tests.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Analytics.Rollups;

/// <summary>
/// The product rollups (monthly and daily) never disagree with the lines: after an import, after sales through the events API and
/// after a corrected re-export that completes the prices, the rollup rows equal the lines grouped by month, and every
/// dashboard figure equals the dashboard read from the lines alone.
/// </summary>
public class SalesRollupTests
{
    /// <summary>
    /// A year (its last month, December 2011, has no sales after the 9th: read whole from the rollups), a period with
    /// partial first and last months, one whose last month has no sales after it and whose first month is empty before
    /// it, and a month read by store (none in this data).
    /// </summary>
    private static readonly DashboardFilter[] Views =
    [
        new(new DateOnly(2010, 12, 10), new DateOnly(2011, 12, 9)),
        new(new DateOnly(2010, 11, 20), new DateOnly(2010, 12, 23), Granularity: TrendGranularity.Day),
        new(new DateOnly(2011, 2, 14), new DateOnly(2011, 7, 3), Granularity: TrendGranularity.Week),
        new(new DateOnly(2011, 6, 1), new DateOnly(2011, 6, 30)) { StoreId = 1 },
    ];

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Dashboard_ImportEventsAndCorrectedReexport_EqualsTheLinesAtEveryStep(bool efWriter)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;

        await f.ImportAsync(f.WriteFile("no-prices.csv", SampleSlice.Without("UnitPrice")));
        await AssertDashboardEqualsTheLinesAsync(f.Database); // before the refresh: every month read from the lines
        await AssertRollupsEqualTheLinesAsync(f.Database);
        await AssertDashboardEqualsTheLinesAsync(f.Database);

        string customer;
        await using (var db = f.Database.CreateContext())
        {
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        }
        Assert.IsType<IngestionOutcome.Ingested>(await f.Database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", customer, "85123A", 40, 2.55m, "API-ROLLUP-1", new DateTime(2011, 6, 15, 10, 0, 0)),
             new StoreEvent("purchase", customer, "22423", 3, 12.75m, "API-ROLLUP-1", new DateTime(2011, 6, 15, 10, 0, 0))]));
        await using (var db = f.Database.CreateContext())
        {
            // Added to the rollups in the sale's own transaction, not marked: the dashboard below reads June from them.
            Assert.False(await db.RollupDirtyMonths.AnyAsync());
        }
        await AssertDashboardEqualsTheLinesAsync(f.Database);

        var corrected = await f.ImportAsync(RepositoryPaths.SampleData);
        Assert.True(corrected.Written!.LinesCompleted > 40_000);
        await AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertRollupsEqualTheLinesAsync(f.Database);
        await AssertDashboardEqualsTheLinesAsync(f.Database);

        // An erasure turns a customer's sales into guests' sales: their months are read from the orders until refreshed.
        await using (var db = f.Database.CreateContext())
        {
            var busiest = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
            await CustomerAnonymisation.ApplyAsync(db, [busiest]);
            Assert.Equal(0, await db.CustomerMonthSales.CountAsync(r => r.CustomerKey == busiest));
        }
        await AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertDashboardEqualsTheLinesAsync(f.Database);
    }

    /// <summary>
    /// A till's sale without a price, stored after midnight UTC on 1 July, and the evening's export that dates the same
    /// invoice 30 June (local time) and gives the price: the import completes the order stored in July, so July's rollups
    /// change although the file speaks of June only.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Import_CompletesAnOrderStoredInAnotherMonth_TheStoredOrdersMonthAgreesWithTheLines(bool efWriter)
    {
        await using var f = await ImportFixture.CreateAsync();
        f.Importer.ForceEfWriter = efWriter;
        await f.ImportAsync(RepositoryPaths.SampleData);
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        string customer;
        await using (var db = f.Database.CreateContext())
        {
            customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        }
        Assert.IsType<IngestionOutcome.Ingested>(await f.Database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", customer, "85123A", 40, null, "900001", new DateTime(2011, 7, 1, 2, 0, 0, DateTimeKind.Utc))]));

        var export = await f.ImportAsync(f.WriteFile("evening.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            $"900001,85123A,WHITE HANGING HEART T-LIGHT HOLDER,40,2011-06-30 21:00:00,2.55,{customer},United Kingdom\n"));

        Assert.Equal(1, export.Written!.PricesFilled);
        await AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertRollupsEqualTheLinesAsync(f.Database);
    }

    /// <summary>Also the parity of the two ways a month is computed: in SQL (SQLite, PostgreSQL) and through EF Core (others).</summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task MarkMissingAsync_SalesWithoutRollups_RefreshRebuildsThemExactly(bool portable)
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.SampleData);
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        List<Core.Model.ProductMonthSales> before;
        await using (var db = f.Database.CreateContext())
        {
            before = await db.ProductMonthSales.AsNoTracking().OrderBy(r => r.Month).ThenBy(r => r.StoreKey).ThenBy(r => r.ProductId).ToListAsync();
            await db.ProductMonthSales.ExecuteDeleteAsync(); // a database whose sales predate the rollups
            await db.ProductDaySales.ExecuteDeleteAsync();

            Assert.Equal(13, await SalesRollup.MarkMissingAsync(db)); // Dec 2010 to Dec 2011
            Assert.Equal(0, await SalesRollup.MarkMissingAsync(db)); // marked once
        }

        Assert.Equal(new RefreshedRollups(13, 0), await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>(), portable, default));

        await using (var db = f.Database.CreateContext())
        {
            var after = await db.ProductMonthSales.AsNoTracking().OrderBy(r => r.Month).ThenBy(r => r.StoreKey).ThenBy(r => r.ProductId).ToListAsync();
            Assert.Equal(before.Select(Row), after.Select(Row));
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        }
    }

    [Fact]
    public void WholeMonths_PeriodWithPartialEdgesAndADirtyMonth_GivesTheDaysTheRollupDoesNotCover()
    {
        var coverage = RollupCoverage.For([new DateOnly(2011, 2, 1)], byCustomer: false); // February is dirty

        var (months, rest) = coverage.WholeMonths(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9));

        Assert.Equal([new DateOnly(2011, 1, 1), new DateOnly(2011, 3, 1)], months);
        Assert.Equal(
            [(new DateOnly(2010, 12, 10), new DateOnly(2010, 12, 31)), (new DateOnly(2011, 2, 1), new DateOnly(2011, 2, 28)),
             (new DateOnly(2011, 4, 1), new DateOnly(2011, 4, 9))],
            rest);
    }

    [Fact]
    public void WholeMonths_PartialMonthsWithoutSalesOutsideThePeriod_AreReadWholeFromTheRollups()
    {
        // Sales on 5 and 15 December, 3 and 20 February, 3 April; March is dirty; the day rollup is known from November to April.
        var saleDays = new RollupCoverage.SaleDays(new DateOnly(2010, 11, 1), new DateOnly(2011, 4, 30),
            [new DateOnly(2010, 12, 5), new DateOnly(2010, 12, 15), new DateOnly(2011, 2, 3), new DateOnly(2011, 2, 20), new DateOnly(2011, 4, 3)]);
        var coverage = RollupCoverage.For([new DateOnly(2011, 3, 1)], byCustomer: false, saleDays);

        // December has a sale before the 10th: its days in the period from the lines. April has none after the 9th: whole.
        AssertParts(coverage.WholeMonths(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9)),
            [new DateOnly(2011, 1, 1), new DateOnly(2011, 2, 1), new DateOnly(2011, 4, 1)],
            [(new DateOnly(2010, 12, 10), new DateOnly(2010, 12, 31)), (new DateOnly(2011, 3, 1), new DateOnly(2011, 3, 31))]);
        // Within one month: whole when both sides are empty, from the lines when either side has a sale.
        AssertParts(coverage.WholeMonths(new DateOnly(2010, 12, 2), new DateOnly(2010, 12, 20)), [new DateOnly(2010, 12, 1)], []);
        AssertParts(coverage.WholeMonths(new DateOnly(2010, 12, 6), new DateOnly(2010, 12, 20)), [], [(new DateOnly(2010, 12, 6), new DateOnly(2010, 12, 20))]);
        AssertParts(coverage.WholeMonths(new DateOnly(2011, 2, 2), new DateOnly(2011, 2, 19)), [], [(new DateOnly(2011, 2, 2), new DateOnly(2011, 2, 19))]);
        // A dirty month stays with the orders; so does a month beyond what is known about its days.
        AssertParts(coverage.WholeMonths(new DateOnly(2011, 3, 5), new DateOnly(2011, 3, 9)), [], [(new DateOnly(2011, 3, 5), new DateOnly(2011, 3, 9))]);
        AssertParts(coverage.WholeMonths(new DateOnly(2011, 5, 2), new DateOnly(2011, 5, 9)), [], [(new DateOnly(2011, 5, 2), new DateOnly(2011, 5, 9))]);
    }

    private static void AssertParts((IReadOnlyList<DateOnly> Months, IReadOnlyList<(DateOnly From, DateOnly To)> Others) actual,
        DateOnly[] months, (DateOnly, DateOnly)[] others)
    {
        Assert.Equal(months, actual.Months);
        Assert.Equal(others, actual.Others);
    }

    [Fact]
    public void Days_PeriodWithADirtyMonth_ReadsThatMonthFromTheOrdersAndTheRestFromTheRollups()
    {
        var coverage = RollupCoverage.For([new DateOnly(2011, 2, 1)], byCustomer: false);

        var ranges = coverage.Days(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9));

        Assert.Equal(
            [(new DateOnly(2010, 12, 10), new DateOnly(2011, 1, 31), true), (new DateOnly(2011, 2, 1), new DateOnly(2011, 2, 28), false),
             (new DateOnly(2011, 3, 1), new DateOnly(2011, 4, 9), true)],
            ranges);
    }

    [Fact]
    public void Days_ViewFilteredByCustomers_ReadsEveryDayFromTheOrders()
    {
        var coverage = RollupCoverage.For([], byCustomer: true);

        Assert.Equal([(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9), false)], coverage.Days(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9)));
        Assert.Empty(coverage.WholeMonths(new DateOnly(2010, 12, 10), new DateOnly(2011, 4, 9)).Months);
    }

    private static string Cohort(CohortRow c) => $"{c.Cohort} {c.Customers}: {string.Join(' ', c.Retention)}";

    private static (DateOnly, int, int, double, long, int) Row(Core.Model.ProductMonthSales r) =>
        (r.Month, r.StoreKey, r.ProductId, Math.Round(r.Revenue, 4), r.Units, r.PricedLines);

    /// <summary>Every rollup row is the lines' own sum for its month (none missing, none extra), once refreshed.</summary>
    private static async Task AssertRollupsEqualTheLinesAsync(TestDatabase database)
    {
        await SalesRollup.RefreshAsync(database.Get<IDbContextFactory<RetailDbContext>>());
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        var lines = await db.OrderLines.Where(l => !l.Order!.IsCancellation)
            .Select(l => new { l.Order!.PlacedOn, l.Order.StoreId, l.ProductId, l.Quantity, l.UnitPrice })
            .ToListAsync();
        var expected = lines.GroupBy(l => (SalesRollup.MonthOf(l.PlacedOn), l.StoreId ?? 0, l.ProductId))
            .Select(g => (g.Key.Item1, g.Key.Item2, g.Key.ProductId,
                Math.Round(g.Where(l => l.UnitPrice != null).Sum(l => (double)l.UnitPrice!.Value * l.Quantity), 4),
                g.Sum(l => (long)l.Quantity), g.Count(l => l.UnitPrice != null)))
            .OrderBy(r => r.Item1).ThenBy(r => r.Item2).ThenBy(r => r.ProductId).ToList();
        var stored = await db.ProductMonthSales.AsNoTracking().OrderBy(r => r.Month).ThenBy(r => r.StoreKey).ThenBy(r => r.ProductId).ToListAsync();
        Assert.Equal(expected, stored.Select(Row));
        var expectedDays = lines.GroupBy(l => (l.PlacedOn, l.StoreId ?? 0, l.ProductId))
            .Select(g => (g.Key.PlacedOn, g.Key.Item2, g.Key.ProductId, Math.Round(g.Where(l => l.UnitPrice != null).Sum(l => (double)l.UnitPrice!.Value * l.Quantity), 4),
                g.Sum(l => (long)l.Quantity), g.Count(l => l.UnitPrice != null)))
            .OrderBy(r => r.PlacedOn).ThenBy(r => r.Item2).ThenBy(r => r.ProductId).ToList();
        var storedDays = await db.ProductDaySales.AsNoTracking().OrderBy(r => r.Day).ThenBy(r => r.StoreKey).ThenBy(r => r.ProductId).ToListAsync();
        Assert.Equal(expectedDays, storedDays.Select(r => (r.Day, r.StoreKey, r.ProductId, Math.Round(r.Revenue, 4), r.Units, r.PricedLines)));
    }

    /// <summary>
    /// The dashboard as served (from whatever the rollups hold and the marks say), then with every month marked dirty,
    /// read from the lines alone; then refreshed. A write that forgot to mark its months fails here.
    /// </summary>
    internal static async Task AssertDashboardEqualsTheLinesAsync(TestDatabase database)
    {
        var dashboard = database.Get<DashboardService>();
        var served = new List<DashboardData>();
        foreach (var view in Views)
        {
            served.Add(await dashboard.GetAsync(view));
        }
        await using (var db = database.CreateContext())
        {
            await SalesRollup.MarkAllAsync(db);
        }
        for (var i = 0; i < Views.Length; i++)
        {
            var fromLines = await dashboard.GetAsync(Views[i]);
            Assert.Equal(fromLines.TopProducts, served[i].TopProducts);
            Assert.Equal(fromLines.TopCategories, served[i].TopCategories);
            Assert.Equal(fromLines.RevenueKnown, served[i].RevenueKnown);
            Assert.Equal(fromLines.Kpis, served[i].Kpis);
            Assert.Equal(fromLines.RevenueTrend, served[i].RevenueTrend);
            Assert.Equal(fromLines.RevenueByCountry, served[i].RevenueByCountry);
            Assert.Equal(fromLines.RevenueByStore, served[i].RevenueByStore);
            Assert.Equal(fromLines.NewVersusReturning, served[i].NewVersusReturning);
            Assert.Equal(fromLines.Cohorts.Select(Cohort), served[i].Cohorts.Select(Cohort));
            Assert.Equal(fromLines.BasketSizes, served[i].BasketSizes);
            Assert.Equal(fromLines.WeekdayHours, served[i].WeekdayHours);
            Assert.Equal(fromLines.ReturnsByMonth, served[i].ReturnsByMonth);
            Assert.Equal((fromLines.FirstSale, fromLines.LastSale), (served[i].FirstSale, served[i].LastSale));
        }
        await SalesRollup.RefreshAsync(database.Get<IDbContextFactory<RetailDbContext>>());
    }
}
