using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests.Hosting;

/// <summary>The customer card's "Export data" download over real HTTP, on a customer of the test's own.</summary>
[Collection(WebCollection.Name)]
public class PrivacyEndpointsTests(RetailRecsWebFactory app)
{
    private async Task<Customer> NewCustomerAsync(string code)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var product = await db.Products.OrderBy(p => p.Id).FirstAsync();
        var customer = new Customer { CustomerCode = code, FirstName = "Grace", LastName = "Hopper", Email = $"{code}@example.org" };
        var order = new Order { InvoiceNumber = "PX" + code, Customer = customer, PlacedAt = new DateTime(2011, 5, 2, 11, 0, 0),
            Lines = [new OrderLine { LineNumber = 1, ProductId = product.Id, Quantity = 2, UnitPrice = 1.25m }] };
        order.RefreshTotals();
        db.Orders.Add(order);
        await db.SaveChangesAsync();
        return customer;
    }

    private async Task<int> ExportEntriesAsync(int customerId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var key = customerId.ToString(CultureInfo.InvariantCulture);
        return await db.AuditEntries.CountAsync(a => a.Action == CustomerExportService.ExportedAction && a.EntityId == key);
    }

    [Fact]
    public async Task GetExport_AsAdmin_IsAnUncachedJsonAttachmentOfTheirDataAuditedOnce()
    {
        var customer = await NewCustomerAsync("PRIV-EXP-1");
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var response = await client.GetAsync($"/admin/customers/{customer.Id}/export.json");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        var export = CustomerDataExport.FromJson(await response.Content.ReadAsStringAsync());
        Assert.Equal(("PRIV-EXP-1", "Grace", "PRIV-EXP-1@example.org"), (export.Profile.CustomerCode, export.Profile.FirstName, export.Profile.Email));
        Assert.Equal(["PXPRIV-EXP-1"], export.Orders.Select(o => o.InvoiceNumber));
        Assert.Equal(1, await ExportEntriesAsync(customer.Id));
    }

    [Fact]
    public async Task GetExport_AsManager_IsRefusedAndNotAudited()
    {
        var customer = await NewCustomerAsync("PRIV-EXP-2");
        using var client = await app.SignedInClientAsync(DemoAccounts.Manager);

        var response = await client.GetAsync($"/admin/customers/{customer.Id}/export.json");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("/Account/AccessDenied", response.Headers.Location!.ToString());
        Assert.Equal(0, await ExportEntriesAsync(customer.Id));
    }

    [Fact]
    public async Task GetExport_UnknownCustomer_IsNotFound()
    {
        using var client = await app.SignedInClientAsync(DemoAccounts.Admin);

        var response = await client.GetAsync("/admin/customers/99999999/export.json");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, await ExportEntriesAsync(99999999));
    }
}
