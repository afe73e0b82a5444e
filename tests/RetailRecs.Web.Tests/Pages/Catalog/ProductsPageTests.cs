using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Catalog;

namespace RetailRecs.Web.Tests.Pages.Catalog;

/// <summary>The Products page's "Mark sensitive" (bUnit) over the real domain services and a real SQLite file.</summary>
public class ProductsPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task SeedAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        db.Products.Add(new Product { Sku = "PT1", Name = "PREGNANCY TEST" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task MarkSensitive_AsAdmin_MarksTheProductOnceAndAuditsIt()
    {
        await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var page = Render<Products>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-product]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=toggle-sensitive]").Click());

        page.WaitForAssertion(() => Assert.Contains("Not sensitive", page.Find("[data-testid=toggle-sensitive]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=sensitive]"));
        await using var db = _database!.CreateContext();
        Assert.True((await db.Products.SingleAsync()).IsSensitive);
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal((ProductSensitivity.ChangedAction, "marked sensitive", "test.person@store.example"), (entry.Action, entry.Details, entry.UserName));
    }

    [Theory]
    [InlineData(StaffRoles.Associate)]
    [InlineData(StaffRoles.Manager)]
    public async Task OpenProduct_NotAnAdmin_OffersNoSensitiveMark(string role)
    {
        await SeedAsync();
        SignInAs(role);
        var page = Render<Products>();

        page.WaitForAssertion(() => page.Find("[data-testid=open-product]").Click());

        page.WaitForAssertion(() => Assert.Contains("Pregnancy Test", page.Find("h2").TextContent));
        Assert.Empty(page.FindAll("[data-testid=toggle-sensitive]"));
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
