using System.Net;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

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
        Assert.StartsWith("Row,Reason,Column 1,Column 2", lines[0]);
        Assert.Contains(lines.Skip(1), l => l.Contains("price of zero or less"));
        Assert.All(lines.Skip(1), l => Assert.Matches("^[0-9]+,", l));
    }

    /// <summary>A customer file's rejected rows hold names, e-mails and phones: their download is a view of personal data.</summary>
    [Fact]
    public async Task Get_RejectedRows_IsAuditedOncePerDownload_AndNeverCached()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);
        int Downloads()
        {
            using var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailRecs.Core.Data.RetailDbContext>>().CreateDbContext();
            return db.AuditEntries.Count(a => a.Action == RetailRecs.Web.Hosting.ImportEndpoints.DownloadedAction && a.EntityId == "1" && a.UserName == DemoAccounts.Admin.Email);
        }
        var before = Downloads();

        var response = await client.GetAsync(DemoImport);
        await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.Equal(before + 1, Downloads());
    }

    /// <summary>
    /// A page of another site sending an admin's browser to the download (the cookie goes with a top-level navigation):
    /// refused before anything is read or audited; the same address opened from the app still downloads.
    /// </summary>
    [Theory]
    [InlineData("cross-site")]
    [InlineData("same-site")]
    public async Task Get_RejectedRows_StartedByAnotherSite_IsRefusedAndNotAudited(string site)
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);
        int Downloads()
        {
            using var db = app.Services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<RetailRecs.Core.Data.RetailDbContext>>().CreateDbContext();
            return db.AuditEntries.Count(a => a.Action == RetailRecs.Web.Hosting.ImportEndpoints.DownloadedAction && a.EntityId == "1");
        }
        var before = Downloads();

        using var fromElsewhere = new HttpRequestMessage(HttpMethod.Get, DemoImport) { Headers = { { "Sec-Fetch-Site", site }, { "Sec-Fetch-Dest", "document" } } };
        var refused = await client.SendAsync(fromElsewhere);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.DoesNotContain("Row,Reason", await refused.Content.ReadAsStringAsync());
        Assert.Equal(before, Downloads());

        using var fromTheApp = new HttpRequestMessage(HttpMethod.Get, DemoImport) { Headers = { { "Sec-Fetch-Site", "same-origin" }, { "Sec-Fetch-Dest", "document" } } };
        var served = await client.SendAsync(fromTheApp);
        await served.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal(before + 1, Downloads());
    }

    [Fact]
    public async Task Get_RejectedRows_WithFormulaText_NeutralisesItForSpreadsheets()
    {
        using var dir = new TempDirectory();
        var path = dir.File("formula.csv");
        await File.WriteAllTextAsync(path, "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n" +
            "990001,EVIL1,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",1,2011-03-04 10:00:00,0,17850,United Kingdom\n");
        var result = await app.Services.GetRequiredService<ImportService>().ImportAsync(
            new ImportRequest(ImportKind.Transactions, path, "formula.csv", "test"));
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var csv = await client.GetStringAsync($"/admin/imports/{result.BatchId}/rejections.csv");

        var row = csv.Split('\n').Single(l => l.Contains("990001"));
        Assert.Contains(",\"'=HYPERLINK(", row); // its own column, starting with an apostrophe
        Assert.DoesNotContain(",=HYPERLINK", row);
        Assert.DoesNotContain(",\"=HYPERLINK", row);
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
