using System.Net;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Imports;

[Collection(WebCollection.Name)]
public class RejectedRowsEndpointTests(RetailRecsWebFactory app)
{
    // The demo data is the app's first import; its zero-price sales are rejected rows.
    private const string DemoImport = "/admin/imports/1/rejections.csv";

    [Fact]
    public async Task Get_RejectedRows_AsAdmin_IsACsvWithRowNumbersAndReasons()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var response = await client.GetAsync(DemoImport);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("Row,Reason,Original row", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains("price of zero or less"));
        Assert.All(lines.Skip(1), l => Assert.Matches("^[0-9]+,", l));
    }

    [Fact]
    public async Task Get_RejectedRows_AsManager_IsRefused()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var response = await client.GetAsync(DemoImport);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_RejectedRows_Anonymous_GoesToSignIn()
    {
        using var client = app.CreateBrowserlikeClient();

        var response = await client.GetAsync(DemoImport);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/Login", response.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Get_RejectedRows_OfAnUnknownImport_IsNotFound()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var response = await client.GetAsync("/admin/imports/9999/rejections.csv");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
