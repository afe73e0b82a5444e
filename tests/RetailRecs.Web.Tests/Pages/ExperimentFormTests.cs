using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Experiments;

namespace RetailRecs.Web.Tests.Pages;

public class ExperimentFormTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    [Fact]
    public async Task SampleSize_MoreCustomersThanBuyInThePlannedTime_WarnsWithTheNumbers_NotAnError()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddRetailRecsCore(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, SqlitePath = _database.FilePath }, null,
            new SeedOptions(), Path.GetDirectoryName(_database.FilePath)!);
        await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        int active;
        await using (var db = _database.CreateContext())
        {
            // Historical data: the shop's today is the last day of sales; the plan's 14 days end there.
            var last = await db.Orders.MaxAsync(o => o.PlacedOn);
            active = await db.Orders.Where(o => o.CustomerId != null && o.PlacedOn > last.AddDays(-14)).Select(o => o.CustomerId).Distinct().CountAsync();
        }
        SignInAs(StaffRoles.Manager);

        var form = Render<ExperimentForm>(p => p.Add(c => c.Runs, []));

        // The defaults (10% baseline, 2 points, 5% significance, 80% power) need 3,841 customers per variant.
        form.WaitForAssertion(() => Assert.Contains(
            $"This plan needs about {7682:N0} customers ({3841:N0} per variant), but {active:N0} customers bought in the 14 days",
            form.Find("[data-testid=sample-size-warning]").TextContent));
        Assert.Empty(form.FindAll("[data-testid=form-error]"));
        // The variants' lists in the counter's words, not the internal mode names.
        Assert.DoesNotContain("Discovery", form.Markup);
        Assert.Contains(MetricText.Mode(RetailRecs.Core.Recommendations.Serving.SuggestionMode.Discovery), form.Markup);
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
