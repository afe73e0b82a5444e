using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using RetailRecs.Core.ApiKeys;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static Microsoft.Playwright.Assertions;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// Opening a customer card in a real browser (prerender, then the interactive render) writes each fact once: one audit
/// entry per page view, one "shown" event per product of each list shown; refreshes and echoes write nothing.
/// </summary>
[Collection(BrowserCollection.Name)]
public class CustomerCardFactsJourneyTests(BrowserFixture browser)
{
    private sealed record Counts(int Audit, int Shown);

    private async Task<Counts> CountAsync(int customerId)
    {
        await using var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync();
        var id = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return new Counts(
            await db.AuditEntries.CountAsync(a => a.Action == CustomerCardService.ViewedAction && a.EntityId == id),
            await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Shown));
    }

    [BrowserFact]
    public async Task CustomerCard_OpenedReloadedRefreshedAndEchoedByATill_WritesOneAuditAndOneShownListPerRealView()
    {
        await browser.WaitForChampionAsync();
        int customerId;
        string code;
        await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            // A customer with purchases that no other journey opens.
            var customer = await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2)
                .OrderBy(c => c.Id).Skip(7).FirstAsync();
            (customerId, code) = (customer.Id, customer.CustomerCode);
        }
        var page = await browser.NewTabletPageAsync();
        await Journeys.SignInAsync(page, DemoAccounts.Associate);
        var before = await CountAsync(customerId);

        // One page view: prerendered, then rendered live.
        await page.GotoAsync($"{browser.BaseUrl}/customers/{customerId}");
        await Journeys.WaitUntilInteractiveAsync(page);
        var suggestions = page.GetByTestId("suggestion");
        await Expect(suggestions).ToHaveCountAsync(10);
        var listed = await suggestions.Locator("strong").AllInnerTextsAsync();
        // The list's "shown" records are written in the background a moment after it appears (see Eventually).
        await Eventually.AssertAsync(async () =>
            Assert.Equal(before with { Audit = before.Audit + 1, Shown = before.Shown + 10 }, await CountAsync(customerId)));

        // F5 is a new view.
        await page.ReloadAsync();
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(suggestions).ToHaveCountAsync(10);
        await Eventually.AssertAsync(async () =>
            Assert.Equal(before with { Audit = before.Audit + 2, Shown = before.Shown + 20 }, await CountAsync(customerId)));
        var afterReload = await CountAsync(customerId);

        // A till reports the customer put a product in a basket there: the open card refreshes, and shows the same
        // list (a sale would move it: one stored after the training is folded in, whatever its day).
        var (_, secret) = await browser.Services.GetRequiredService<ApiKeyService>()
            .CreateAsync($"Till {Guid.NewGuid():N}"[..20], ApiScopes.All, new StaffActor(null, "test"));
        var headers = new Dictionary<string, string> { ["X-Api-Key"] = secret };
        var sale = await page.APIRequest.PostAsync($"{browser.BaseUrl}/api/v1/events", new()
        {
            Headers = headers,
            DataObject = new { events = new[] { new { type = "basket_add", customerId = code, productId = "85123A" } } },
        });
        Assert.Equal(202, sale.Status);
        await Expect(page.GetByTestId("live-update")).ToBeVisibleAsync();
        Assert.Equal(listed, await suggestions.Locator("strong").AllInnerTextsAsync());
        Assert.Equal(afterReload, await CountAsync(customerId));

        // The till reports "shown" for the list the card showed: an echo of the app's own fact.
        await using (var db = await browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContextAsync())
        {
            var last = await db.InteractionEvents.Where(e => e.CustomerId == customerId && e.Type == InteractionType.Shown)
                .OrderByDescending(e => e.Id).Take(10)
                .Join(db.Products, e => e.ProductId, p => p.Id, (e, p) => new { p.Sku, e.ModelRunId }).ToListAsync();
            var echo = await page.APIRequest.PostAsync($"{browser.BaseUrl}/api/v1/events", new()
            {
                Headers = headers,
                DataObject = new { events = last.Select(s => new { type = "shown", customerId = code, productId = s.Sku, modelRunId = s.ModelRunId }).ToArray() },
            });
            Assert.Equal(202, echo.Status);
        }
        await Expect(suggestions).ToHaveCountAsync(10);
        Assert.Equal(afterReload, await CountAsync(customerId));

        // The tablet sleeps and wakes: the circuit is paused and resumed from the state it saved (ReconnectModal.razor.js
        // does this after a long disconnection). The card and its list come back; neither is a new view.
        Assert.True(await page.EvaluateAsync<bool>("Blazor.pauseCircuit()"));
        Assert.True(await page.EvaluateAsync<bool>("Blazor.resumeCircuit()"));
        // The resumed panel lists again (a progress bar meanwhile): the page as it was before the resume would pass a
        // check read once, so the names are awaited.
        await Expect(suggestions.Locator("strong")).ToHaveTextAsync(listed, new() { UseInnerText = true });
        // A reload after it is one more view: had the resumed card recorded its list again, "shown" would be 10 higher.
        await page.ReloadAsync();
        await Journeys.WaitUntilInteractiveAsync(page);
        await Expect(suggestions).ToHaveCountAsync(10);
        await Eventually.AssertAsync(async () =>
            Assert.Equal(afterReload with { Audit = afterReload.Audit + 1, Shown = afterReload.Shown + 10 }, await CountAsync(customerId)));
    }
}
