using System.Net;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Pages.Jobs;

/// <summary>The Background work page over real HTTP: managers and admins read it; associates are turned away.</summary>
[Collection(WebCollection.Name)]
public class BackgroundWorkPageAccessTests(RetailRecsWebFactory app)
{
    [Fact]
    public async Task Get_Jobs_AsAssociate_IsDenied()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Associate);

        var response = await client.GetAsync("/jobs");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Theory]
    [InlineData(StaffRoles.Manager)]
    [InlineData(StaffRoles.Admin)]
    public async Task Get_Jobs_AsManagerOrAdmin_ShowsRunningWaitingAndRecent(string role)
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.For(role));

        var html = WebUtility.HtmlDecode(await client.GetStringAsync("/jobs"));

        Assert.Contains("<h1", html);
        Assert.Contains("Background work", html);
        Assert.Contains("Running now", html);
        Assert.Contains("Waiting", html);
        Assert.Contains("data-testid=\"recent-jobs\"", html);
    }
}
