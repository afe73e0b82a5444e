using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Customers;

[Collection(WebCollection.Name)]
public class CustomerCardPageTests(RetailRecsWebFactory app)
{
    private async Task<(int Id, string Email)> FirstCustomerAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        return await db.Customers.OrderBy(c => c.Id).Select(c => new ValueTuple<int, string>(c.Id, c.Email!)).FirstAsync();
    }

    [Fact]
    public async Task Get_Card_AsAssociate_MasksContactDetails_AndIsAudited()
    {
        var (id, email) = await FirstCustomerAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        int Views() => db.AuditEntries.Count(a => a.Action == CustomerCardService.ViewedAction && a.EntityId == id.ToString() && a.UserName == DemoAccounts.Associate.Email);
        var before = Views();

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{id}"));

        Assert.DoesNotContain(email, html);
        Assert.Contains($"{email[0]}•••@", html);
        // The prerendered HTML shows the customer, so it is audited even without a browser to render it live: once.
        Assert.Equal(before + 1, Views());
    }

    [Fact]
    public async Task Get_Card_CountsDaysSinceTheLastVisitToTheShopClock_AndSaysWhichDayThatIs()
    {
        var (id, _) = await FirstCustomerAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var lastVisit = await db.Orders.Where(o => o.CustomerId == id).MaxAsync(o => o.PlacedAt);
        var clock = await app.Services.GetRequiredService<RetailRecs.Core.Clock.ShopClock>().TodayAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{id}"));

        // The demo data ended in 2011: its last day is "today", not the real date ("5481 days ago").
        Assert.True(clock.Historical);
        Assert.Contains($"({clock.DaysSince(lastVisit)} days ago)", html);
        Assert.Contains($"Historical data: days are counted to {clock.Today:d MMM yyyy}, the last day of the sales data.", html);
    }

    [Fact]
    public async Task Get_Card_ShowsTheCustomersChoiceAboutPersonalisation_AndThePrerenderRecordsNoChoice()
    {
        var (id, _) = await FirstCustomerAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var before = await db.ConsentRecords.CountAsync(r => r.CustomerId == id);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{id}"));

        Assert.Contains("Personalised suggestions: yes", html);
        Assert.Contains("Customer objects", html);
        Assert.Equal(before, await db.ConsentRecords.CountAsync(r => r.CustomerId == id));
    }

    [Fact]
    public async Task Get_Card_AsManager_ShowsContactDetailsInFull()
    {
        var (id, email) = await FirstCustomerAsync();
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync($"/customers/{id}"));

        Assert.Contains(email, html);
    }

    [Fact]
    public async Task Get_Card_OfUnknownCustomer_SaysSo()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var html = await client.GetStringAsync("/customers/999999");

        Assert.Contains("There is no customer with this number", html);
    }

    [Fact]
    public async Task AuditLogPage_AsAdmin_FindsWhoOpenedTheCard()
    {
        var (id, _) = await FirstCustomerAsync();
        using (var associate = await app.SignedInClientAsync(DemoAccounts.Associate))
        {
            await associate.GetStringAsync($"/customers/{id}");
        }
        using var admin = await app.SignedInClientAsync(DemoAccounts.Admin);

        var html = WebUtility.HtmlDecode(await admin.GetStringAsync($"/admin/audit?action=customer.&record={id}"));

        Assert.Contains(DemoAccounts.Associate.Email, html);
        Assert.Contains($"customer #{id}", html);
    }
}
