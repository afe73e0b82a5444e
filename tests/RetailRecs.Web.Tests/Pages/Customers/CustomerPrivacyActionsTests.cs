using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>The card's "Export data" and "Erase customer" (bUnit) over the real domain services and a real SQLite file.</summary>
public class CustomerPrivacyActionsTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<Customer> SeedAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        var ada = new Customer { CustomerCode = "17850", FirstName = "Ada", LastName = "Lovelace", Email = "ada@example.com" };
        var order = new Order { InvoiceNumber = "536365", Customer = ada, PlacedAt = new DateTime(2011, 3, 1, 10, 0, 0),
            Lines = [new OrderLine { LineNumber = 1, Product = new Product { Sku = "C1", Name = "SCENTED CANDLE" }, Quantity = 6, UnitPrice = 3m }] };
        order.RefreshTotals();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return ada;
    }

    private IRenderedComponent<CustomerPrivacyActions> RenderActions(Customer c) =>
        Render<CustomerPrivacyActions>(p => p.Add(x => x.CustomerId, c.Id).Add(x => x.CustomerCode, c.CustomerCode).Add(x => x.Name, "Ada Lovelace").Add(x => x.Orders, 1));

    [Theory]
    [InlineData(StaffRoles.Associate)]
    [InlineData(StaffRoles.Manager)]
    public async Task Render_NotAnAdmin_ShowsNeitherAction(string role)
    {
        var ada = await SeedAsync();
        SignInAs(role);

        var actions = RenderActions(ada);

        Assert.Empty(actions.FindAll("[data-testid=export-data]"));
        Assert.Empty(actions.FindAll("[data-testid=erase-customer]"));
    }

    [Fact]
    public async Task Render_Admin_ExportLinksToTheDownloadByIdOnly()
    {
        var ada = await SeedAsync();
        SignInAs(StaffRoles.Admin);

        var link = RenderActions(ada).Find("[data-testid=export-data]");

        Assert.Equal($"/admin/customers/{ada.Id}/export.json", link.GetAttribute("href"));
        Assert.True(link.HasAttribute("download"));
    }

    [Fact]
    public async Task Erase_Confirmed_SaysWhatWillHappenThenErasesAndLeavesTheCard()
    {
        var ada = await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var actions = RenderActions(ada);

        await actions.InvokeAsync(() => actions.Find("[data-testid=erase-customer]").Click());

        dialogs.WaitForAssertion(() => Assert.Contains("Erase Ada Lovelace (customer 17850)?", dialogs.Markup));
        foreach (var words in new[] { "name, contact details and profile are deleted", "1 orders (and any returns) stay only as anonymous sales",
                     "forget them at once", "keeps only that an erasure happened", "cannot be undone" })
        {
            Assert.Contains(words, dialogs.Markup);
        }
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Erase for good")).Click());

        actions.WaitForAssertion(() => Assert.EndsWith("/customers", Services.GetRequiredService<NavigationManager>().Uri));
        await using var db = _database!.CreateContext();
        Assert.False(await db.Customers.AnyAsync());
        Assert.Equal(1, await db.Orders.CountAsync(o => o.IsAnonymised && o.CustomerId == null));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == CustomerErasureService.ErasedAction && a.UserName == "test.person@store.example"));
    }

    [Fact]
    public async Task Erase_Cancelled_ChangesNothing()
    {
        var ada = await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var actions = RenderActions(ada);

        await actions.InvokeAsync(() => actions.Find("[data-testid=erase-customer]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("cannot be undone", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Contains("Cancel")).Click());

        dialogs.WaitForAssertion(() => Assert.DoesNotContain("cannot be undone", dialogs.Markup));
        await using var db = _database!.CreateContext();
        Assert.Equal(1, await db.Customers.CountAsync());
        Assert.Equal(0, await db.AuditEntries.CountAsync());
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
