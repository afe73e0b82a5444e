using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Catalog;

namespace RetailRecs.Web.Tests.Pages.Catalog;

/// <summary>The Products page's "Mark sensitive" and "Not a product (fee)" (bUnit) over the real domain services and a real SQLite file.</summary>
public class ProductsPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private readonly SlowSearch _slow = new();

    private async Task SeedAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(_slow);
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        db.Products.Add(new Product { Sku = "PT1", Name = "PREGNANCY TEST" });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task MarkSensitive_AsAdmin_MarksTheProductOnceAndAuditsIt()
    {
        await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var page = Render<Products>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-product]").Click());

        page.WaitForAssertion(() => page.Find("[data-testid=toggle-sensitive]").Click());

        page.WaitForAssertion(() => Assert.Contains("Not sensitive", page.Find("[data-testid=toggle-sensitive]").TextContent));
        Assert.NotEmpty(page.FindAll("[data-testid=sensitive]"));
        await using var db = _database!.CreateContext();
        Assert.True((await db.Products.SingleAsync()).IsSensitive);
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal((ProductSensitivity.ChangedAction, "marked sensitive", "test.person@store.example"), (entry.Action, entry.Details, entry.UserName));
    }

    /// <summary>A shop's own delivery line ("PORTO") stored as a product: the admin marks it a fee, once, audited.</summary>
    [Fact]
    public async Task MarkNotAProduct_AsAdmin_MarksTheProductAFeeOnceAndAuditsIt()
    {
        await SeedAsync();
        SignInAs(StaffRoles.Admin);
        var page = Render<Products>();
        page.WaitForAssertion(() => page.Find("[data-testid=open-product]").Click());

        page.WaitForElement("[data-testid=toggle-merchandise]");
        await page.InvokeAsync(() => page.Find("[data-testid=toggle-merchandise]").ClickAsync(new()));

        page.WaitForAssertion(() => Assert.Contains("It is a product", page.Find("[data-testid=toggle-merchandise]").TextContent));
        Assert.Single(page.FindAll("[data-testid=non-merchandise]"));
        await using var db = _database!.CreateContext();
        Assert.True((await db.Products.SingleAsync()).IsNonMerchandise);
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal((ProductMerchandise.ChangedAction, "marked not merchandise (fee, postage or voucher)", "test.person@store.example"),
            (entry.Action, entry.Details, entry.UserName));
    }

    /// <summary>
    /// Typing "he", pausing, then finishing "heart": the broad search finished after the narrow one and the list
    /// showed products matching "he" under "heart" in the box.
    /// </summary>
    [Fact]
    public async Task Search_SlowerEarlierSearchFinishesLast_TheListIsTheNewestOnes()
    {
        await SeedAsync();
        await using (var db = _database!.CreateContext())
        {
            db.Products.AddRange(new Product { Sku = "HB1", Name = "HEART BUNTING" }, new Product { Sku = "HE1", Name = "HELLO KITTY MUG" });
            await db.SaveChangesAsync();
        }
        SignInAs(StaffRoles.Associate);
        var page = Render<Products>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=open-product]")));
        var box = page.FindComponent<MudBlazor.MudTextField<string>>();

        _slow.HoldNext();
        var broad = page.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("he"));
        await _slow.Held.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await page.InvokeAsync(() => box.Instance.ValueChanged.InvokeAsync("heart"));
        _slow.Release();
        await broad;

        page.WaitForAssertion(() => Assert.Equal(["Heart Bunting"], page.FindAll("[data-testid=open-product]").Select(b => b.TextContent.Trim())));
    }

    /// <summary>Holds the next product search after it has read its rows, as a slow broad search on a big catalog.</summary>
    private sealed class SlowSearch : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private volatile bool _armed;
        private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Held { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void HoldNext() => _armed = true;
        public void Release() => _release.TrySetResult();

        public override async ValueTask<System.Data.Common.DbDataReader> ReaderExecutedAsync(System.Data.Common.DbCommand command,
            Microsoft.EntityFrameworkCore.Diagnostics.CommandExecutedEventData eventData, System.Data.Common.DbDataReader result, CancellationToken cancellationToken = default)
        {
            if (_armed && command.CommandText.Contains("\"Products\"", StringComparison.Ordinal))
            {
                _armed = false;
                Held.TrySetResult();
                await _release.Task;
            }
            return result;
        }
    }

    [Theory]
    [InlineData(StaffRoles.Associate)]
    [InlineData(StaffRoles.Manager)]
    public async Task OpenProduct_NotAnAdmin_OffersNoSensitiveMark(string role)
    {
        await SeedAsync();
        SignInAs(role);
        var page = Render<Products>();

        page.WaitForAssertion(() => page.Find("[data-testid=open-product]").Click());

        page.WaitForAssertion(() => Assert.Contains("Pregnancy Test", page.Find("h2").TextContent));
        Assert.Empty(page.FindAll("[data-testid=toggle-sensitive]"));
        Assert.Empty(page.FindAll("[data-testid=toggle-merchandise]"));
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
