using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Tests.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Analytics.Rollups;

/// <summary>
/// The rollups by label (categories, countries) follow every change of a label, and the top products found by reading
/// each month's best sellers first are the full sum's top products, ties and partial months included.
/// </summary>
public class LabelRollupTests
{
    private static readonly DashboardFilter[] Views =
    [
        new(new DateOnly(2010, 12, 10), new DateOnly(2011, 12, 9)),
        new(new DateOnly(2010, 11, 20), new DateOnly(2010, 12, 23)),
        new(new DateOnly(2011, 2, 14), new DateOnly(2011, 7, 3)),
        new(new DateOnly(2011, 9, 9), new DateOnly(2011, 9, 9)),
        new(new DateOnly(2011, 6, 1), new DateOnly(2011, 6, 30)) { StoreId = 1 },
    ];

    [Fact]
    public async Task TopProducts_EveryView_AreTheFullSumsTopProducts()
    {
        await using var f = await RefreshedSampleAsync();
        await using var db = f.Database.CreateContext();
        foreach (var view in Views)
        {
            var coverage = await RollupCoverage.ReadAsync(db, view, default);
            Assert.True(coverage.AllRolled(view.From, view.To));
            var all = await ProductSales.ForPeriodAsync(db, view, coverage, _ => throw new InvalidOperationException("every day is rolled up"));
            foreach (var count in new[] { 1, 10, 40 })
            {
                var expected = all.Where(p => !p.IsNonMerchandise).OrderByDescending(p => p.Revenue).ThenBy(p => p.Name, StringComparer.Ordinal)
                    .Take(count).Select(p => new LabelledValue(p.Name, Math.Round((decimal)p.Revenue, 2))).ToList();
                var found = await TopProducts.FindAsync(db, view, coverage, count, default);
                Assert.NotNull(found);
                Assert.Equal(expected, found);
            }
        }
    }

    /// <summary>
    /// A product that sold for a lot on one day and was credited most of it back on another later that month: its month is
    /// small, its first day large. A period of that day alone must still find it (the search's bound is the positive days' sum).
    /// </summary>
    [Fact]
    public async Task TopProducts_ProductWhoseMonthNetsOutSmall_IsFoundForThePartOfTheMonthItSoldIn()
    {
        await using var f = await RefreshedSampleAsync();
        var day = new DateOnly(2011, 9, 9);
        await using (var db = f.Database.CreateContext())
        {
            var product = new Product { Sku = "NET-OUT", Name = "ZZ sold then written down", CreatedAt = DateTime.UtcNow };
            db.Products.Add(product);
            foreach (var (at, price) in new[] { (day.ToDateTime(new TimeOnly(10, 0)), 1_000_000m), (day.AddDays(5).ToDateTime(new TimeOnly(10, 0)), -999_990m) })
            {
                var order = new Order { InvoiceNumber = $"NET-{at:dd}", PlacedAt = at, Lines = [new OrderLine { LineNumber = 1, Product = product, Quantity = 1, UnitPrice = price }] };
                order.RefreshTotals();
                db.Orders.Add(order);
            }
            await db.SaveChangesAsync();
        }
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        await using (var db = f.Database.CreateContext())
        {
            var month = await db.ProductMonthSales.SingleAsync(r => r.ProductId == db.Products.Single(p => p.Sku == "NET-OUT").Id);
            Assert.Equal((10.0, 1_000_000.0), (Math.Round(month.Revenue, 2), month.PositiveDayRevenue));
            var view = new DashboardFilter(day.AddDays(-20), day);
            var found = await TopProducts.FindAsync(db, view, await RollupCoverage.ReadAsync(db, view, default), 10, default);
            Assert.Equal(new LabelledValue("ZZ sold then written down", 1_000_000m), found![0]);
        }
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
    }

    [Fact]
    public async Task Categories_ChangedByAnEditTheCategoriserAndARename_DashboardEqualsTheLinesBeforeAndAfterTheRebuild()
    {
        await using var f = await RefreshedSampleAsync();
        var contexts = f.Database.Get<IDbContextFactory<RetailDbContext>>();
        await AssertLabelRowsAsync(f.Database, changes: 0);

        var categoriser = f.Database.Get<ProductCategoriser>();
        Assert.True((await categoriser.CategoriseAsync()).Categorised > 0);
        await AssertLabelRowsAsync(f.Database, changes: 1);
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database); // refreshes at the end: rebuilt
        await AssertLabelRowsAsync(f.Database, changes: 0);

        var (name, _) = (await categoriser.ListAsync())[0];
        await categoriser.RenameAsync(name, "Renamed in a test", new Core.Common.Audit.StaffActor(null, "label rollup test"));
        await AssertLabelRowsAsync(f.Database, changes: 1);
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);

        await using (var db = f.Database.CreateContext())
        {
            // The fifty best sellers, so that the new category is the largest.
            var best = await db.ProductMonthSales.GroupBy(r => r.ProductId).OrderByDescending(g => g.Sum(r => r.Revenue)).Select(g => g.Key).Take(50).ToListAsync();
            foreach (var product in await db.Products.Where(p => best.Contains(p.Id)).ToListAsync())
            {
                product.Category = "Given by an admin";
            }
            await db.SaveChangesAsync();
        }
        await AssertLabelRowsAsync(f.Database, changes: 1);
        var dashboard = await f.Database.Get<DashboardService>().GetAsync(Views[0]);
        Assert.Equal("Given by an admin", dashboard.TopCategories[0].Label);
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertLabelRowsAsync(f.Database, changes: 0);
    }

    /// <summary>
    /// A shop's own delivery line the import took for a product (a best seller, as postage is): an admin marks it a fee.
    /// It leaves the top products and categories at once and after the rebuild, the sales totals keep it, one audit entry.
    /// </summary>
    [Fact]
    public async Task NonMerchandise_BestSellerMarkedAFeeAndBack_LeavesTopProductsAndCategoriesDashboardEqualsTheLines()
    {
        await using var f = await RefreshedSampleAsync();
        var dashboards = f.Database.Get<DashboardService>();
        var before = await dashboards.GetAsync(Views[0]);
        var top = before.TopProducts[0].Label;
        int id;
        await using (var db = f.Database.CreateContext())
        {
            id = await db.Products.Where(p => p.Name == top).Select(p => p.Id).SingleAsync();
        }
        var merchandise = f.Database.Get<Core.Catalog.ProductMerchandise>();
        var admin = new Core.Common.Audit.StaffActor(null, "admin@store.example");

        Assert.True(await merchandise.SetAsync(id, nonMerchandise: true, admin));
        Assert.True(await merchandise.SetAsync(id, nonMerchandise: true, admin)); // already so: changes and audits nothing

        await AssertLabelRowsAsync(f.Database, changes: 1);
        var marked = await dashboards.GetAsync(Views[0]);
        Assert.DoesNotContain(marked.TopProducts, p => p.Label == top);
        Assert.Equal(before.Kpis[0], marked.Kpis[0]); // revenue: the fee is still money taken
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database); // refreshes at the end: rebuilt
        await AssertLabelRowsAsync(f.Database, changes: 0);
        Assert.DoesNotContain((await dashboards.GetAsync(Views[0])).TopProducts, p => p.Label == top);

        Assert.True(await merchandise.SetAsync(id, nonMerchandise: false, admin));
        Assert.Equal(top, (await dashboards.GetAsync(Views[0])).TopProducts[0].Label);
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
        Assert.False(await merchandise.SetAsync(int.MaxValue, nonMerchandise: true, admin));
        await using (var db = f.Database.CreateContext())
        {
            var entries = await db.AuditEntries.Where(e => e.Action == Core.Catalog.ProductMerchandise.ChangedAction).OrderBy(e => e.Id).Select(e => e.Details).ToListAsync();
            Assert.Equal(["marked not merchandise (fee, postage or voucher)", "merchandise again"], entries);
        }
    }

    [Fact]
    public async Task Countries_ACustomerMoves_DashboardEqualsTheLinesBeforeAndAfterTheRebuild()
    {
        await using var f = await RefreshedSampleAsync();
        await using (var db = f.Database.CreateContext())
        {
            var busiest = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .OrderByDescending(g => g.Sum(o => (double)o.Revenue)).Select(g => g.Key).FirstAsync();
            (await db.Customers.SingleAsync(c => c.Id == busiest)).Country = "Moved in a test";
            await db.SaveChangesAsync();
            Assert.Equal(RollupLabel.CustomerCountry, (await db.RollupLabelChanges.SingleAsync()).Label);
        }
        var dashboard = await f.Database.Get<DashboardService>().GetAsync(Views[0]);
        Assert.Contains(dashboard.RevenueByCountry, c => c.Label == "Moved in a test");
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertLabelRowsAsync(f.Database, changes: 0);
    }

    /// <summary>
    /// A refresh skips the label rebuild only for the months it has just refreshed itself after the mark: a customer who
    /// moved is counted under the new country in every month, those refreshed (one marked here) and those rebuilt.
    /// </summary>
    [Fact]
    public async Task Countries_ACustomerMovesWhileAMonthIsDirty_EveryMonthHasTheNewCountry()
    {
        await using var f = await RefreshedSampleAsync();
        await using (var db = f.Database.CreateContext())
        {
            var busiest = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .OrderByDescending(g => g.Select(o => o.PlacedOn.Month).Distinct().Count()).Select(g => g.Key).FirstAsync();
            var months = await db.Orders.Where(o => o.CustomerId == busiest).Select(o => o.PlacedOn).ToListAsync();
            Assert.True(months.Select(SalesRollup.MonthOf).Distinct().Count() > 2);
            (await db.Customers.SingleAsync(c => c.Id == busiest)).Country = "Moved in a test";
            SalesRollup.Mark(db, [months.Min()]);
            await db.SaveChangesAsync();
        }
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        await AssertLabelRowsAsync(f.Database, changes: 0);
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
    }

    /// <summary>
    /// PostgreSQL draws a mark's id when the mark is inserted, not when it commits: a product edit that saved its mark
    /// first commits while the categories are rebuilt, after the first month's rows were written with its old category,
    /// behind an edit whose later mark committed before the rebuild began. The rebuild removes only the marks it read:
    /// the late edit's stays, and the next refresh writes the months again.
    /// </summary>
    [PostgresOnlyFact]
    public async Task Categories_AnEditWithAnEarlierMarkCommitsDuringTheRebuild_ItsMarkStaysAndTheNextRefreshHasIt()
    {
        await using var f = await RefreshedSampleAsync();
        await using var late = f.Database.CreateContext();
        await using var lateEdit = await late.Database.BeginTransactionAsync();
        (await late.Products.SingleAsync(p => p.Sku == "85123A")).Category = "Committed late"; // sold in the first month
        await late.SaveChangesAsync();
        await using (var db = f.Database.CreateContext())
        {
            (await db.Products.SingleAsync(p => p.Sku == "22423")).Category = "Committed first";
            await db.SaveChangesAsync();
        }
        // The check for the tills' pending sales that follows each month's rows: the first month is written by then.
        var pause = new AfterCommand(sql => sql.Contains("\"RollupPendingOrders\"", StringComparison.Ordinal) && sql.Contains("EXISTS", StringComparison.Ordinal),
            () => lateEdit.CommitAsync());

        await SalesRollup.RefreshAsync(new PausingContexts(f.Database, pause));

        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal("Committed late", await db.Products.Where(p => p.Sku == "85123A").Select(p => p.Category).SingleAsync());
        }
        await AssertLabelRowsAsync(f.Database, changes: 1);
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        await AssertLabelRowsAsync(f.Database, changes: 0);
    }

    /// <summary>The sample imported and every rollup refreshed (the migration's marks build the label rows).</summary>
    private static async Task<ImportFixture> RefreshedSampleAsync()
    {
        var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.SampleData);
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        return f;
    }

    /// <summary>The label rows equal the day rollup and the orders grouped by today's labels, unless changes are pending.</summary>
    private static async Task AssertLabelRowsAsync(TestDatabase database, int changes)
    {
        await using var db = database.CreateContext();
        Assert.Equal(changes, await db.RollupLabelChanges.CountAsync());
        if (changes > 0)
        {
            return;
        }
        var categories = await (from d in db.ProductDaySales
                                join p in db.Products on d.ProductId equals p.Id
                                group d by new { Category = p.Category ?? p.AutoCategory, p.IsNonMerchandise } into g
                                select new { g.Key.Category, g.Key.IsNonMerchandise, Units = g.Sum(d => d.Units) }).ToListAsync();
        var stored = await db.CategoryDaySales.GroupBy(r => new { r.Category, r.IsNonMerchandise })
            .Select(g => new { g.Key.Category, g.Key.IsNonMerchandise, Units = g.Sum(r => r.Units) }).ToListAsync();
        Assert.Equal(categories.OrderBy(c => c.Category).ThenBy(c => c.IsNonMerchandise), stored.OrderBy(c => c.Category).ThenBy(c => c.IsNonMerchandise));
        var no = false;
        var countries = await db.Orders.Where(o => o.IsCancellation == no).GroupBy(o => o.Customer!.Country)
            .Select(g => new { Country = g.Key, Orders = g.Count() }).ToListAsync();
        var storedCountries = await db.CountryDaySales.GroupBy(r => r.Country).Select(g => new { Country = g.Key, Orders = g.Sum(r => r.Orders) }).ToListAsync();
        Assert.Equal(countries.OrderBy(c => c.Country), storedCountries.OrderBy(c => c.Country));
    }
}
