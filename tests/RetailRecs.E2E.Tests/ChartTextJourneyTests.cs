using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Data;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// Stored text that looks like HTML (from an import, a store system or a manager) must reach the charts' axes, legends
/// and tooltips as text: no script runs, no element is made from it, and it reads as written.
/// </summary>
[Collection(BrowserCollection.Name)]
public class ChartTextJourneyTests(BrowserFixture browser)
{
    private const string Country = "<img src=x onerror=alert(1)>";
    private const string ProductName = "Mugs & Jugs <img src=x onerror=alert(2)>";
    private const string ImportedCategory = "<img src=x onerror=alert(3)> Kitchen";
    private const string AutoCategory = "<img src=x onerror=alert(4)> Auto";
    private const string StoreA = "<img src=x onerror=alert(5)> North";
    private const string StoreB = "<img src=x onerror=alert(6)> South";
    private const string SegmentName = "<img src=x onerror=alert(7)> Regulars";
    private const string VariantA = "<img src=x onerror=alert(8)> A";
    private const string VariantB = "<img src=x onerror=alert(9)> B";

    // Before the demo data begins (December 2010), so this period holds only the hostile rows and the other journeys'
    // default views (the last twelve months) do not change.
    private static readonly DateTime Day = new(2009, 6, 10, 11, 0, 0, DateTimeKind.Utc);

    [BrowserFact]
    public async Task Manager_OpensDashboardSegmentsAndExperiments_WithHtmlInStoredText_SeesItAsText_AndNoScriptRuns()
    {
        await browser.WaitForChampionAsync();
        // The start-up segmentation follows the first training; let it finish so the renamed segment is the one shown.
        await browser.Services.GetRequiredService<RetailRecs.Core.Common.Jobs.JobRunner>().WhenIdleAsync();
        var page = await browser.NewTabletPageAsync();
        var dialogs = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            dialogs.Add(dialog.Message);
            await dialog.DismissAsync();
        };
        await Journeys.SignInAsync(page, DemoAccounts.Manager);
        var stored = await StoreHostileTextAsync();
        try
        {
            await page.GotoAsync($"{browser.BaseUrl}/dashboard?from=2009-06-01&to=2009-06-30");
            await Journeys.WaitUntilInteractiveAsync(page);
            var countries = Chart(page, "Revenue by country");
            await Expect(countries.Locator("svg.apexcharts-svg")).ToBeVisibleAsync();
            await ExpectNothingMadeFromTextAsync(page, dialogs);
            await Expect(countries.Locator(".apexcharts-legend-text").Filter(new() { HasText = Country })).ToBeVisibleAsync();
            // On the ring, not in the middle of the slice's box (the donut's hole).
            var slice = countries.Locator("path.apexcharts-pie-area").First;
            await slice.ScrollIntoViewIfNeededAsync();
            var ring = await slice.BoundingBoxAsync() ?? throw new InvalidOperationException("The donut has no slice.");
            await page.Mouse.MoveAsync(ring.X + ring.Width / 2, ring.Y + 6);
            await Expect(countries.Locator(".apexcharts-tooltip-text-y-label")).ToContainTextAsync(Country);

            var products = Chart(page, "Top products by revenue");
            await HoverAsync(products.Locator("path.apexcharts-bar-area").First);
            // The ampersand reads as one, not as "&amp;".
            await Expect(products.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(ProductName);
            await Expect(products.Locator(".apexcharts-yaxis-label title").First).ToHaveTextAsync(ProductName);

            var categories = Chart(page, "Top categories by revenue");
            await Expect(categories.Locator(".apexcharts-yaxis-label title")).ToHaveTextAsync([ImportedCategory, AutoCategory]);
            await HoverAsync(categories.Locator("path.apexcharts-bar-area").First);
            await Expect(categories.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(ImportedCategory);

            var stores = Chart(page, "Revenue by store");
            await HoverAsync(stores.Locator("path.apexcharts-bar-area").First);
            await Expect(stores.Locator(".apexcharts-tooltip-title")).ToHaveTextAsync(StoreA);
            await Expect(stores.Locator(".apexcharts-yaxis-label title")).ToHaveTextAsync([StoreA, StoreB]);
            await ExpectNothingMadeFromTextAsync(page, dialogs);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotDirectory, "chart-text-dashboard.png"), FullPage = true });

            await page.GotoAsync($"{browser.BaseUrl}/segments");
            await Journeys.WaitUntilInteractiveAsync(page);
            var map = Chart(page, "Customers placed by how alike they buy, coloured by segment");
            await Expect(map.Locator(".apexcharts-legend-text").Filter(new() { HasText = SegmentName })).ToBeVisibleAsync();
            await HoverAsync(map.Locator(".apexcharts-series").First.Locator("path.apexcharts-marker").First);
            await Expect(map.Locator(".apexcharts-tooltip-text-y-label").First).ToContainTextAsync(SegmentName);
            await ExpectNothingMadeFromTextAsync(page, dialogs);

            await page.GotoAsync($"{browser.BaseUrl}/experiments?id={stored.ExperimentId}");
            await Journeys.WaitUntilInteractiveAsync(page);
            var results = Chart(page, "per variant, cumulative by day of first exposure");
            await Expect(results.Locator(".apexcharts-legend-text")).ToHaveTextAsync([VariantA, VariantB]);
            await HoverCentreAsync(page, results.Locator(".apexcharts-grid"));
            await Expect(results.Locator(".apexcharts-tooltip-text-y-label").First).ToContainTextAsync(VariantA);
            await ExpectNothingMadeFromTextAsync(page, dialogs);
        }
        finally
        {
            await RemoveAsync(stored);
        }
    }

    private static ILocator Chart(IPage page, string ariaLabel) =>
        page.Locator($"[role=img][aria-label*=\"{ariaLabel}\"]");

    /// <summary>Hovers a mark so ApexCharts writes its tooltip (SVG paths need the force: they sit under the grid).</summary>
    private static async Task HoverAsync(ILocator mark)
    {
        await mark.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await mark.HoverAsync(new() { Force = true });
    }

    /// <summary>Moves the mouse to the middle of a line chart's plot, where its shared tooltip follows the nearest day.</summary>
    private static async Task HoverCentreAsync(IPage page, ILocator plot)
    {
        await plot.ScrollIntoViewIfNeededAsync();
        var box = await plot.BoundingBoxAsync() ?? throw new InvalidOperationException("The chart has no plot area.");
        await page.Mouse.MoveAsync(box.X + box.Width / 2, box.Y + box.Height / 2);
    }

    private static async Task ExpectNothingMadeFromTextAsync(IPage page, List<string> dialogs)
    {
        // An image with a broken source fails within milliseconds: give any handler the time to run before looking.
        await page.WaitForTimeoutAsync(300);
        Assert.Empty(dialogs);
        Assert.Equal(0, await page.Locator("img[src=x]").CountAsync());
        Assert.Equal(0, await page.Locator("[onerror]").CountAsync());
    }

    private sealed record Stored(int[] ProductIds, int[] StoreIds, int CustomerId, Segment Segment, int ExperimentId);

    /// <summary>Writes the hostile text where imports, store systems and managers put it, through EF and the real services.</summary>
    private async Task<Stored> StoreHostileTextAsync()
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var customer = new Customer { CustomerCode = $"XSS-{tag}", Country = Country };
        var stores = new[] { new Store { Code = $"{StoreA} {tag}", Name = StoreA }, new Store { Code = $"{StoreB} {tag}", Name = StoreB } };
        var products = new[]
        {
            new Product { Sku = $"XSS1-{tag}", Name = ProductName, Description = ProductName, Category = ImportedCategory, UnitPrice = 10m },
            new Product { Sku = $"XSS2-{tag}", Name = $"Plain teapot {tag}", AutoCategory = AutoCategory, UnitPrice = 5m },
        };
        db.AddRange(customer);
        db.AddRange(stores);
        db.AddRange(products);
        for (var i = 0; i < 2; i++)
        {
            var order = new Order { InvoiceNumber = $"XSS-{tag}-{i}", Customer = customer, Store = stores[i], PlacedAt = Day.AddDays(i) };
            order.Lines.Add(new OrderLine { LineNumber = 1, Product = products[0], Quantity = 10 - i, UnitPrice = 10m });
            order.Lines.Add(new OrderLine { LineNumber = 2, Product = products[1], Quantity = 1, UnitPrice = 5m });
            order.RefreshTotals();
            db.Orders.Add(order);
        }
        await db.SaveChangesAsync();

        var actor = new StaffActor(null, "chart text test");
        var segment = await db.Segments.AsNoTracking().Where(s => s.Run!.IsCurrent).OrderBy(s => s.Number).FirstAsync();
        Assert.Null(await browser.Services.GetRequiredService<SegmentQueries>().RenameAsync(segment.Id, SegmentName, actor));

        // A stopped experiment with two exposed customers per variant: its chart is drawn, and it routes nobody.
        var experiment = await browser.Services.GetRequiredService<ExperimentService>().CreateAsync(new ExperimentDraft(
            $"Chart text {tag}", "Names are shown as text.", ExperimentUnit.Customer,
            [new ExperimentVariant(VariantA, null, SuggestionMode.Discovery, 5, 1), new ExperimentVariant(VariantB, null, SuggestionMode.Discovery, 5, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, IsAA: true), actor);
        var champion = await db.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).FirstAsync();
        var exposed = await db.Customers.OrderBy(c => c.Id).Select(c => c.Id).Take(4).ToListAsync();
        var started = DateTime.UtcNow.AddDays(-12); // the 7-day windows have ended: the customers are counted
        db.ExperimentExposures.AddRange(exposed.Select((id, i) => new ExperimentExposure
        {
            ExperimentId = experiment.Id, Variant = i % 2 == 0 ? VariantA : VariantB, UnitKey = id.ToString(CultureInfo.InvariantCulture),
            CustomerId = id, ProductIds = products[0].Id.ToString(CultureInfo.InvariantCulture), ShownCount = 1, ModelRunId = champion,
            OccurredAt = started.AddDays(i / 2.0), Source = "test", // over three days, so the line has points to hover
        }));
        await db.Experiments.Where(e => e.Id == experiment.Id).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.Status, ExperimentStatus.Stopped).SetProperty(e => e.StartedAt, started).SetProperty(e => e.StoppedAt, DateTime.UtcNow));
        await db.SaveChangesAsync();
        return new Stored(products.Select(p => p.Id).ToArray(), stores.Select(s => s.Id).ToArray(), customer.Id, segment, experiment.Id);
    }

    /// <summary>Leaves the shared database as the other journeys expect it.</summary>
    private async Task RemoveAsync(Stored stored)
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        await db.ExperimentExposures.Where(e => e.ExperimentId == stored.ExperimentId).ExecuteDeleteAsync();
        await db.Experiments.Where(e => e.Id == stored.ExperimentId).ExecuteDeleteAsync();
        await db.Segments.Where(s => s.Id == stored.Segment.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Name, stored.Segment.Name).SetProperty(x => x.RenamedBy, stored.Segment.RenamedBy));
        await db.OrderLines.Where(l => l.Order!.CustomerId == stored.CustomerId).ExecuteDeleteAsync();
        await db.Orders.Where(o => o.CustomerId == stored.CustomerId).ExecuteDeleteAsync();
        await db.Customers.Where(c => c.Id == stored.CustomerId).ExecuteDeleteAsync();
        await db.Products.Where(p => stored.ProductIds.Contains(p.Id)).ExecuteDeleteAsync();
        await db.Stores.Where(s => stored.StoreIds.Contains(s.Id)).ExecuteDeleteAsync();
    }
}
