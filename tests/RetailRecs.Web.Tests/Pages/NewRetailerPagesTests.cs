using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Segmentation;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Catalog;
using RetailRecs.Web.Components.Pages.Customers;
using RetailRecs.Web.Components.Pages.Dashboard;
using RetailRecs.Web.Components.Pages.Segments;

namespace RetailRecs.Web.Tests.Pages;

/// <summary>
/// The pages of a new retailer whose export has member number, date and item name only (the committed
/// member_date_item_sample.csv.gz): units and orders where money is unknown, no made-up invoice numbers, members not
/// called guests, no hour chart for dates without times, products named once.
/// </summary>
public class NewRetailerPagesTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<TestDatabase> ImportedAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        return _database;
    }

    [Fact]
    public async Task CustomerCard_NoPricesNoInvoices_ShowsUnitsAndNoInventedOrderNumbers()
    {
        var database = await ImportedAsync();
        await using var db = database.CreateContext();
        var member = await db.Customers.SingleAsync(c => c.CustomerCode == "17850");
        var units = await db.OrderLines.Where(l => l.Order!.CustomerId == member.Id).SumAsync(l => l.Quantity);
        var keys = await db.Orders.Where(o => o.CustomerId == member.Id).Select(o => o.InvoiceNumber).ToListAsync();
        SignInAs(StaffRoles.Associate);

        var card = Render<CustomerCardPage>(p => p.Add(c => c.Id, member.Id));

        card.WaitForAssertion(() => Assert.Contains("Recent purchases", card.Markup));
        Assert.DoesNotContain("Lifetime value", card.Markup);
        Assert.Contains($"Units bought", card.Markup);
        Assert.Contains(units.ToString("N0", System.Globalization.CultureInfo.CurrentCulture), card.Markup);
        Assert.DoesNotContain("£0", card.Markup);
        Assert.All(keys, k => Assert.DoesNotContain(k, card.Markup));
        Assert.Contains(" units · ", card.Markup);
    }

    [Fact]
    public async Task Dashboard_NoPricesNoTimes_ShowsUnitsMembersAndWeekdaysOnly()
    {
        await ImportedAsync();
        SignInAs(StaffRoles.Manager);

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("Units trend", page.Markup), TimeSpan.FromSeconds(10));
        Assert.Contains("Top products by units", page.Markup);
        Assert.Contains("Units sold", page.Markup);
        Assert.DoesNotContain("Revenue", page.Markup);
        Assert.DoesNotContain("£", page.Markup);
        Assert.Contains("Orders by weekday (the sales have dates but no times)", page.Markup);
        Assert.DoesNotContain("Orders by weekday and hour", page.Markup);
        // The chart's labels go to the browser's chart library; its table shows them as text.
        // The cards fill as their figures arrive (on a server database after the page's first render): wait for the rows.
        string CountriesCard() => page.FindAll("[data-testid=chart-card]").Single(c => c.QuerySelector("h2")!.TextContent == "Units by country").TextContent;
        await page.InvokeAsync(() => page.FindAll("[data-testid=chart-card]").Single(c => c.QuerySelector("h2")!.TextContent == "Units by country")
            .QuerySelector("button")!.Click());
        page.WaitForAssertion(() => Assert.Contains("Country not given", CountriesCard()), TimeSpan.FromSeconds(20));
        Assert.DoesNotContain("guest", CountriesCard());
    }

    [Fact]
    public async Task SegmentsPage_NoPrices_SaysWhichFeaturesWereUsedAndShowsNoSpend()
    {
        var database = await ImportedAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        SignInAs(StaffRoles.Manager);

        var page = Render<SegmentsPage>();

        page.WaitForAssertion(() => Assert.Contains("Grouped on", page.Find("[data-testid=segment-features]").TextContent));
        var features = page.Find("[data-testid=segment-features]").TextContent;
        Assert.Contains("recency, frequency, basket size, tenure", features);
        Assert.Contains("no prices", features);
        Assert.DoesNotContain("Net spend", page.Markup);
        Assert.DoesNotContain("net spend", page.Markup);
        Assert.DoesNotContain("£", page.Markup);
        Assert.Contains("share of units", page.Markup);
    }

    /// <summary>A segment's members are personal data: showing them is one audit entry per page shown, not per render.</summary>
    [Fact]
    public async Task SegmentMembers_Shown_AuditsThePageShownOnce()
    {
        var database = await ImportedAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        SignInAs(StaffRoles.Manager);
        async Task<int> ViewsAsync()
        {
            await using var db = database.CreateContext();
            return await db.AuditEntries.CountAsync(a => a.Action == SegmentQueries.MembersViewedAction);
        }

        var page = Render<SegmentsPage>();
        page.WaitForElement("[data-testid=show-members]").Click();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=segment-members] tbody tr a")), TimeSpan.FromSeconds(20));
        Assert.Equal(1, await ViewsAsync());
        page.Render(); // a re-render (a refresh of the page's state) is not another showing
        Assert.Equal(1, await ViewsAsync());
    }

    [Fact]
    public void SuggestionColumn_CodeMadeFromTheName_NamesTheProductOnce()
    {
        SignInAs(StaffRoles.Associate);
        var list = new SuggestionList(1, "popularity", false,
        [
            new Suggestion(1, "WHOLE MILK", "whole milk", null, null, 1f, "A best seller", EvidenceKind.BestSeller, false),
            new Suggestion(2, "85123A", "WHITE HANGING HEART T-LIGHT HOLDER", 2.55m, null, 1f, "A best seller", EvidenceKind.BestSeller, false),
        ]);

        var column = Render<SuggestionColumn>(p => p.Add(c => c.Title, "Best sellers").Add(c => c.List, list));

        Assert.DoesNotContain("WHOLE MILK", column.Markup);
        Assert.Contains("whole milk", column.Markup);
        Assert.Contains("85123A", column.Markup);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    // The renderer and its services first (they hold connections), then the database file.
    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
