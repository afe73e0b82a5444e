using System.Text.RegularExpressions;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages;

[Collection(WebCollection.Name)]
public class SalesOverviewPageTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Dashboard_AsManager_ShowsFiguresInTheConfiguredCulture()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var html = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync("/dashboard"));

        Assert.Contains("Revenue by month", html);
        // en-GB: pounds with a thousands separator, and month names such as "December 2010".
        Assert.Matches(new Regex(@"£[0-9]{1,3}(,[0-9]{3})+"), html);
        Assert.Contains("December 2010", html);
    }
}
