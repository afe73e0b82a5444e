using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Catalog;
using RetailRecs.Web.Components.Pages.Dashboard;

namespace RetailRecs.Web.Tests.Pages;

/// <summary>
/// A new install before its first import: the pages say there is nothing yet and where it comes from (before
/// 2026-12-07 the Products page said no product matched “”, and the dashboard read "Data from  to .").
/// </summary>
public class EmptyShopPagesTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task EmptyAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
    }

    [Fact]
    public async Task Products_EmptyCatalog_SaysSoAndWhereProductsComeFrom()
    {
        await EmptyAsync();
        SignInAs(StaffRoles.Associate);

        var page = Render<Products>();

        page.WaitForAssertion(() => Assert.Contains("The catalog is empty", page.Find("[data-testid=empty-catalog]").TextContent));
        Assert.DoesNotContain("No product matches", page.Markup);
    }

    [Fact]
    public async Task Dashboard_NoSales_SaysSo_WithoutBlankDates()
    {
        await EmptyAsync();
        SignInAs(StaffRoles.Manager);

        var page = Render<DashboardPage>();

        page.WaitForAssertion(() => Assert.Contains("No sales are stored yet", page.Find("[data-testid=no-sales]").TextContent), TimeSpan.FromSeconds(10));
        Assert.DoesNotContain("Data from", page.Markup);
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
