using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy.Retention;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Admin;

namespace RetailRecs.Web.Tests.Pages.Admin;

/// <summary>The Audit log page's retention panel (bUnit) over the real retention service and a real SQLite file.</summary>
public class RetentionPanelTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    /// <summary>Two customers: one whose last sale (March 2011) is 9 months before the data's last day, one who bought then.</summary>
    private async Task SeedAsync()
    {
        _database = await TestDatabase.CreateAsync(configure: s => s.Configure<RetentionOptions>(o => o.CustomersInactiveMonths = 6));
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        Services.Configure<RetentionOptions>(o => o.CustomersInactiveMonths = 6);
        await using var db = _database.CreateContext();
        var candle = new Product { Sku = "C1", Name = "SCENTED CANDLE" };
        foreach (var (code, invoice, day) in new[] { ("17850", "536365", new DateTime(2011, 3, 1)), ("12347", "536366", new DateTime(2011, 12, 9)) })
        {
            var order = new Order { InvoiceNumber = invoice, Customer = new Customer { CustomerCode = code }, PlacedAt = day,
                Lines = [new OrderLine { LineNumber = 1, Product = candle, Quantity = 6, UnitPrice = 3m }] };
            order.RefreshTotals();
            db.Orders.Add(order);
        }
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task Render_NoRunYet_ShowsThePolicyAndThatTheDailyRunIsOff()
    {
        await SeedAsync();
        SignInAs(StaffRoles.Admin);

        var panel = Render<RetentionPanel>();

        panel.WaitForAssertion(() => Assert.Equal("No retention run yet.", panel.Find("[data-testid=retention-last]").TextContent.Squeeze()));
        var policy = panel.Find("[data-testid=retention-policy]").TextContent.Squeeze();
        Assert.Contains("Customers with no sale for 6 months are anonymised", policy);
        Assert.Contains("older than 2 years are deleted", policy);
        Assert.Contains("Audit entries older than 6 years", policy);
        Assert.Contains("The daily run is off", policy);
    }

    [Fact]
    public async Task DryRunNow_Click_RecordsOneAuditedDryRunShowsItsCountsAndChangesNothing()
    {
        await SeedAsync();
        SignInAs(StaffRoles.Admin, email: "admin@store.example");
        var panel = Render<RetentionPanel>();
        panel.WaitForAssertion(() => panel.Find("[data-testid=retention-last]"));

        await panel.InvokeAsync(() => panel.Find("[data-testid=retention-dry-run]").Click());

        panel.WaitForAssertion(() => Assert.Contains("dry run: nothing changed", panel.Find("[data-testid=retention-last]").TextContent.Squeeze()));
        var last = panel.Find("[data-testid=retention-last]").TextContent.Squeeze();
        Assert.Contains("admin (admin@store.example)", last);
        Assert.Contains("Customers: 1 with no sale since before 2011-06-09 would be anonymised (1 of their orders", last);
        Assert.Contains("the day of the last sale: the sales are historical", last);
        Assert.DoesNotContain("17850", panel.Markup); // counts only, never who
        await using var db = _database!.CreateContext();
        Assert.Equal(2, await db.Customers.CountAsync());
        var entry = await db.AuditEntries.SingleAsync();
        Assert.Equal((RetentionService.RunAction, RetentionService.DryRun, "admin@store.example"), (entry.Action, entry.EntityId, entry.UserName));
    }

    [Fact]
    public async Task Render_LastRunDryAfterAnAppliedOne_ShowsBoth()
    {
        await SeedAsync();
        var retention = _database!.Get<RetentionService>(); // the CLI's and the daily job's runs, from another process's services
        await retention.RunAsync(dryRun: false, new StaffActor(null, "cli:ops"), "command line");
        await retention.RunAsync(dryRun: true, StaffActor.System, "daily job");
        SignInAs(StaffRoles.Admin);

        var panel = Render<RetentionPanel>();

        panel.WaitForAssertion(() => Assert.Contains("dry run: nothing changed", panel.Find("[data-testid=retention-last]").TextContent.Squeeze()));
        var applied = panel.Find("[data-testid=retention-applied]").TextContent.Squeeze();
        Assert.Contains("command line (cli:ops), applied", applied);
        Assert.Contains("Customers: 1 with no sale since before 2011-06-09 anonymised", applied);
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

internal static class TextSqueeze
{
    /// <summary>Runs of white space as one space, trimmed: markup breaks lines where a reader sees one sentence.</summary>
    public static string Squeeze(this string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
