using System.Text.RegularExpressions;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Dashboard;

namespace RetailRecs.Web.Tests.Pages.Dashboard;

/// <summary>The figures behind the dashboard's charts: in the table as the chart shows them, in the CSV as numbers.</summary>
public class DashboardChartTablesTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<IRenderedComponent<DashboardPage>> DashboardAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.SampleData,
            "online_retail_sample.csv.gz", "test", DryRun: false, Map: null));
        SignInAs(StaffRoles.Manager);
        var page = Render<DashboardPage>();
        page.WaitForAssertion(() => Assert.Contains("Revenue trend", page.Markup), TimeSpan.FromSeconds(20));
        return page;
    }

    [Fact]
    public async Task RevenueTable_ShowsMoneyAsTheChartDoes_NotRawNumbers()
    {
        var page = await DashboardAsync();

        // On the renderer's thread, and the rows waited for: the figures may still be arriving (slower on a server).
        await page.InvokeAsync(() => page.Find("button[aria-label='Show Revenue trend as a table']").Click());

        List<string> values = [];
        page.WaitForAssertion(() =>
        {
            values = page.FindAll(".chart-table tbody tr td:nth-child(2)").Select(td => td.TextContent.Trim()).ToList();
            Assert.NotEmpty(values);
        });
        // "£703,583.19" (in the page's culture), never "703583.19".
        var f = System.Globalization.CultureInfo.CurrentCulture.NumberFormat;
        var money = new Regex($@"^{Regex.Escape(f.CurrencySymbol)}\d{{1,3}}({Regex.Escape(f.CurrencyGroupSeparator)}\d{{3}})*{Regex.Escape(f.CurrencyDecimalSeparator)}\d\d$");
        Assert.All(values, v => Assert.Matches(money, v));
        Assert.Contains(values, v => v.Contains(f.CurrencyGroupSeparator, StringComparison.Ordinal));
    }

    [Fact]
    public async Task CohortCsv_HoldsSharesAsNumbers_NotPercentText()
    {
        var page = await DashboardAsync();

        var link = page.Find("a[aria-label='Download Monthly cohort retention as CSV']");

        var csv = Uri.UnescapeDataString(link.GetAttribute("href")!.Split(',', 2)[1]).TrimStart('\uFEFF');
        var rows = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.NotEmpty(rows);
        Assert.DoesNotContain("%", csv);
        // Month 0 is the cohort's first month: every one of its customers bought, a share of 1.
        Assert.All(rows, r => Assert.Equal("1", r[2]));
        Assert.All(rows.SelectMany(r => r.Skip(1)), cell => Assert.True(double.TryParse(cell, System.Globalization.CultureInfo.InvariantCulture, out _), cell));
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
