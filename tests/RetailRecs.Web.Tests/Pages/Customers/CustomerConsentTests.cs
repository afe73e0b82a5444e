using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>The card's consent line (bUnit) over the real domain services and a real SQLite file: what a click records, exactly.</summary>
public class CustomerConsentTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<int> SeedAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        var ada = new Customer { CustomerCode = "17850", FirstName = "Ada", LastName = "Lovelace" };
        db.Customers.Add(ada);
        await db.SaveChangesAsync();
        return ada.Id;
    }

    private IRenderedComponent<CustomerConsent> RenderConsent(int id) =>
        Render<CustomerConsent>(p => p.Add(x => x.CustomerId, id).Add(x => x.Status, new ConsentStatus(true, null, null)));

    private async Task<(int Records, int Audit)> CountsAsync()
    {
        await using var db = _database!.CreateContext();
        return (await db.ConsentRecords.CountAsync(), await db.AuditEntries.CountAsync(a => a.Action == ConsentRule.ChangedAction));
    }

    [Fact]
    public async Task Click_CustomerObjects_RecordsOneRecordAndOneAuditEntry_ThenOffersAgreeingAgain()
    {
        var id = await SeedAsync();
        SignInAs(StaffRoles.Associate);
        var consent = RenderConsent(id);
        Assert.Contains("Personalised suggestions: yes (no objection recorded).", consent.Find("[data-testid=consent-state]").TextContent);

        await consent.InvokeAsync(() => consent.Find("[data-testid=consent-change]").Click());

        consent.WaitForAssertion(() => Assert.Contains("Customer agrees again", consent.Find("[data-testid=consent-change]").TextContent));
        Assert.Contains("No personalised suggestions: the customer objected on", consent.Find("[data-testid=consent-state]").TextContent);
        Assert.Contains("(at the counter)", consent.Find("[data-testid=consent-state]").TextContent);
        Assert.Equal((1, 1), await CountsAsync());
        await using (var db = _database!.CreateContext())
        {
            var record = await db.ConsentRecords.SingleAsync();
            Assert.Equal((id, false, ConsentSource.Counter, "user-1"), (record.CustomerId, record.Granted, record.Source, record.RecordedBy));
            Assert.Equal("test.person@store.example", (await db.AuditEntries.SingleAsync(a => a.Action == ConsentRule.ChangedAction)).UserName);
            Assert.True((await db.Customers.SingleAsync()).PersonalizationOptOut);
        }

        await consent.InvokeAsync(() => consent.Find("[data-testid=consent-change]").Click());

        consent.WaitForAssertion(() => Assert.Contains("Customer objects", consent.Find("[data-testid=consent-change]").TextContent));
        Assert.Equal((2, 2), await CountsAsync());
    }

    [Fact]
    public async Task Click_AsAdmin_RecordsTheSourceAsAdmin()
    {
        var id = await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var consent = RenderConsent(id);

        await consent.InvokeAsync(() => consent.Find("[data-testid=consent-change]").Click());

        consent.WaitForAssertion(() => Assert.Contains("(by an admin)", consent.Find("[data-testid=consent-state]").TextContent));
        await using var db = _database!.CreateContext();
        Assert.Equal(ConsentSource.Admin, (await db.ConsentRecords.SingleAsync()).Source);
    }

    [Fact]
    public async Task Render_NotInteractiveYet_ButtonDisabledAndNothingRecorded()
    {
        var id = await SeedAsync();
        SignInAs(StaffRoles.Associate);
        Renderer.SetRendererInfo(new RendererInfo("Static", isInteractive: false)); // the prerender

        var consent = RenderConsent(id);

        Assert.True(consent.Find("[data-testid=consent-change]").HasAttribute("disabled"));
        Assert.Equal((0, 0), await CountsAsync());
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
