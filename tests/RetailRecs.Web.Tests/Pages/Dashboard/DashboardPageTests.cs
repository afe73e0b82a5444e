using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Dashboard;

[Collection(WebCollection.Name)]
public class DashboardPageTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Dashboard_WithFiltersInTheAddress_ShowsThatView()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var response = await client.GetAsync("/dashboard?from=2011-01-01&to=2011-03-31&country=France&by=week");
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("1 Jan 2011 – 31 Mar 2011, France, compared with the 90 days before", html);
        Assert.Contains("Revenue trend", html);
        Assert.Equal(6, Regex.Matches(html, "data-testid=\"kpi\"").Count);
    }

    [Fact]
    public async Task Get_Dashboard_WithoutFilters_ShowsTheLastTwelveMonthsOfData_InTheConfiguredCulture()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/dashboard"));

        // The demo data ends on 9 Dec 2011; en-GB shows pounds with thousands separators.
        Assert.Contains("10 Dec 2010 – 9 Dec 2011", html);
        Assert.Matches(new Regex(@"£[0-9]{1,3}(,[0-9]{3})+"), html);
    }

    [Fact]
    public async Task Get_Dashboard_DatesTheWrongWayRound_AreSwapped()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/dashboard?from=2011-06-30&to=2011-06-01"));

        Assert.Contains("1 Jun 2011 – 30 Jun 2011", html);
    }

    [Fact]
    public async Task Get_Dashboard_DefaultViewOfTheDemo_ShowsSuggestionsShownToday_AndSaysOverWhichPeriod()
    {
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            var customer = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            var product = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
            db.InteractionEvents.Add(new InteractionEvent
            {
                CustomerId = customer, ProductId = product, Type = InteractionType.Shown, Source = "lookup", OccurredAt = DateTime.Now.AddMinutes(-1),
            });
            await db.SaveChangesAsync();
        }
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/dashboard"));

        // The sales end in 2011; the suggestion shown a minute ago is counted, and the chart says over which days.
        Assert.DoesNotContain("No suggestion has been shown to a customer", html);
        var today = DateTime.Now.ToString("d MMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en-GB"));
        Assert.Contains($"to {today}: staff use them today, while the sales data ends on 9 Dec 2011, so they are counted over the last 365 days up to today.", html);
    }
}
