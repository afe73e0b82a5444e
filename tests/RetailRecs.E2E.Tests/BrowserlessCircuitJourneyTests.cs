using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using RetailRecs.Testing.Circuits;
using static RetailRecs.Testing.Circuits.LookupPages;

namespace RetailRecs.E2E.Tests;

/// <summary>
/// The associate's lookup through the browserless circuit the load benchmark uses (Testing/Circuits): the same events to
/// the same handlers as a tablet, without Chromium. Keeps that client honest — a Blazor upgrade that changes the circuit's
/// protocol fails here rather than leaving the benchmark measuring nothing — and checks each fact is written once.
/// </summary>
[Collection(BrowserCollection.Name)]
public class BrowserlessCircuitJourneyTests(BrowserFixture browser)
{
    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);

    [BrowserFact]
    public async Task BrowserlessAssociate_SearchesOpensTheCardAndAccepts_EachFactWrittenOnce()
    {
        await browser.WaitForChampionAsync();
        var (first, last, email) = await browser.FirstCustomerAsync();
        var name = $"{first} {last}";
        var factory = browser.Services.GetRequiredService<IDbContextFactory<RetailDbContext>>();
        int customerId;
        (int Views, int Shown, int Accepted) before;
        await using (var db = await factory.CreateDbContextAsync())
        {
            customerId = await db.Customers.Where(c => c.Email == email).Select(c => c.Id).SingleAsync();
            before = await CountsAsync(db, customerId);
        }

        var cookies = await BrowserlessCircuit.SignInAsync(browser.BaseUrl, DemoAccounts.Associate.Email, DemoAccounts.Associate.Password);
        int listed;
        await using (var circuit = await BrowserlessCircuit.StartAsync(browser.BaseUrl, cookies, "/customers"))
        {
            await circuit.WaitForAsync(SearchReady, Step, "the search page");
            var input = circuit.Read(p => SearchBox(p)!.Handlers["input"]);
            await circuit.InputAsync(input, first[..4]);
            await circuit.WaitForAsync(p => Match(p, name) is not null, Step, $"{name} among the matches");

            // A tap landing as a render replaces its element is dropped, as in a browser: tapped again, never recorded twice.
            await circuit.TapUntilAsync(p => Match(p, name)?.Handlers.GetValueOrDefault("click"), p => CardWithSuggestions(p, name), Step,
                $"{name}'s card with suggestions");
            Assert.EndsWith($"/customers/{customerId}", circuit.Location);
            listed = circuit.Read(p => Suggestions(p).Count());

            await circuit.TapUntilAsync(p => TestId(Suggestions(p).First(), "accept")?.Handlers.GetValueOrDefault("click"),
                p => TestId(Suggestions(p).First(), "recorded")?.Text() == "accepted", Step, "the acceptance");
            Assert.Empty(circuit.Errors);
        }

        Assert.Equal(10, listed);
        // One card view audited, one list of ten shown, one acceptance: nothing counted twice (prerender, re-render, echo).
        await Eventually.AssertAsync(async () =>
        {
            await using var db = await factory.CreateDbContextAsync();
            Assert.Equal((before.Views + 1, before.Shown + listed, before.Accepted + 1), await CountsAsync(db, customerId));
        });
    }

    private static async Task<(int Views, int Shown, int Accepted)> CountsAsync(RetailDbContext db, int customerId)
    {
        var id = customerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return (await db.AuditEntries.CountAsync(a => a.Action == CustomerCardService.ViewedAction && a.EntityId == id),
            await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Shown),
            await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Accepted));
    }
}
