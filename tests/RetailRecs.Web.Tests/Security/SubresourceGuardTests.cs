using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Security;

/// <summary>
/// A product picture whose address is a customer's card or export: a screen's &lt;img&gt; asks for it with the staff
/// member's cookie. The browser says the request is for an image; the app answers it with nothing and audits nothing.
/// </summary>
[Collection(WebCollection.Name)]
public class SubresourceGuardTests(RetailRecsWebFactory app)
{
    private async Task<int> EntriesAsync(int customerId, string action)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var key = customerId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.Action == action && a.EntityId == key);
    }

    [Theory]
    [InlineData("/customers/{0}", CustomerCardService.ViewedAction)]
    [InlineData("/admin/customers/{0}/export.json", CustomerExportService.ExportedAction)]
    public async Task Get_CustomerDataAsAnImage_IsNotFoundAndNotAudited_AsADocumentItIsAuditedOnce(string path, string action)
    {
        int id;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            id = await db.Customers.OrderBy(c => c.Id).Skip(3).Select(c => c.Id).FirstAsync();
        }
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);
        var url = string.Format(CultureInfo.InvariantCulture, path, id);
        var before = await EntriesAsync(id, action);

        using var asImage = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Sec-Fetch-Dest", "image" } } };
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(asImage)).StatusCode);
        Assert.Equal(before, await EntriesAsync(id, action));

        using var asDocument = new HttpRequestMessage(HttpMethod.Get, url) { Headers = { { "Sec-Fetch-Dest", "document" } } };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(asDocument)).StatusCode);
        await Eventually.AssertAsync(async () => Assert.Equal(before + 1, await EntriesAsync(id, action)));
    }

    /// <summary>
    /// Another site's page framing a customer's card or starting their export: the frame is refused as an element is,
    /// the export as a download another site started; neither is audited.
    /// </summary>
    [Theory]
    [InlineData("/customers/{0}", CustomerCardService.ViewedAction, "iframe", "cross-site")]
    [InlineData("/admin/customers/{0}/export.json", CustomerExportService.ExportedAction, "iframe", "cross-site")]
    [InlineData("/admin/customers/{0}/export.json", CustomerExportService.ExportedAction, "document", "cross-site")]
    public async Task Get_CustomerDataFromAnotherSitesPage_IsRefusedAndNotAudited(string path, string action, string destination, string site)
    {
        int id;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            id = await db.Customers.OrderBy(c => c.Id).Skip(4).Select(c => c.Id).FirstAsync();
        }
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);
        var before = await EntriesAsync(id, action);

        using var request = new HttpRequestMessage(HttpMethod.Get, string.Format(CultureInfo.InvariantCulture, path, id))
        {
            Headers = { { "Sec-Fetch-Dest", destination }, { "Sec-Fetch-Site", site } },
        };
        var response = await client.SendAsync(request);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.NotFound, HttpStatusCode.Forbidden });
        await Task.Delay(200); // an audit written after the answer would show by now
        Assert.Equal(before, await EntriesAsync(id, action));
    }

    [Fact]
    public async Task Get_TheAppsOwnImageAsAnImage_IsServed()
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/favicon.png") { Headers = { { "Sec-Fetch-Dest", "image" } } };

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
    }
}
