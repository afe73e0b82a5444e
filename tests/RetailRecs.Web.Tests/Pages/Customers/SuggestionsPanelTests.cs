using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Customers;

namespace RetailRecs.Web.Tests.Pages.Customers;

/// <summary>
/// The suggestions panel (bUnit) over the app's services, the demo data and a trained model in a real SQLite file:
/// what it records as shown, and the dashboard figure that counts it.
/// </summary>
public class SuggestionsPanelTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<int> TrainedDemoAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        await using var db = _database.CreateContext();
        return await db.Customers.Where(c => !c.PersonalizationOptOut && db.Orders.Count(o => o.CustomerId == c.Id) >= 2).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
    }

    private async Task<int> ShownAsync(int customerId)
    {
        await using var db = _database!.CreateContext();
        return await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Shown);
    }

    [Fact]
    public async Task Render_RefreshedWithTheSameListThenSwitchedToReplenishment_RecordsTwoListsAndTheDashboardCountsThem()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);

        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));
        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        // The list is on screen first and recorded right after.
        await Eventually.AssertAsync(async () => Assert.Equal(10, await ShownAsync(customerId)));

        // A sale or event for the customer refreshes the panel; the list it shows is the same one.
        Services.GetRequiredService<LiveUpdates>().Notify(customerId);
        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=live-update]")), TimeSpan.FromSeconds(30));
        Assert.Equal(10, await ShownAsync(customerId));

        // The associate asks for another list: a new fact.
        await panel.InvokeAsync(() => panel.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        Assert.Equal(20, await ShownAsync(customerId));

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var dashboard = await Services.GetRequiredService<DashboardService>().GetAsync(new DashboardFilter(today.AddDays(-1), today.AddDays(1)));
        Assert.Equal(2 * 10, dashboard.Suggestions.Sum(s => s.Shown)); // two lists of ten shown
    }

    /// <summary>
    /// A sale for the customer arrives while the card's first list is still being read (on a database server the read
    /// waits for it): one list on screen, recorded once; the associate's switch of mode then records one more.
    /// </summary>
    /// <summary>
    /// In an A/B test the variant decides the list: the switch changed nothing and each press recorded the same list
    /// as shown again (another exposure, ten more "shown").
    /// </summary>
    [Fact]
    public async Task Render_CustomerInARunningExperiment_TheModeSwitchIsOffAndSaysWhy()
    {
        var customerId = await TrainedDemoAsync();
        var experiments = _database!.Get<RetailRecs.Core.Experiments.ExperimentService>();
        var manager = new RetailRecs.Core.Common.Audit.StaffActor(null, "manager");
        var draft = await experiments.CreateAsync(new RetailRecs.Core.Experiments.ExperimentDraft("Shorter lists", "Five is enough.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1),
             new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), manager);
        await experiments.StartAsync(draft.Id, manager);
        SignInAs(StaffRoles.Associate);

        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));

        panel.WaitForAssertion(() => Assert.Contains("A/B test “Shorter lists”", panel.Find("[data-testid=experiment-arm]").TextContent), TimeSpan.FromSeconds(30));
        var mode = panel.Find("[data-testid=mode]");
        Assert.True(mode.HasAttribute("disabled") || mode.QuerySelector("input[disabled]") is not null, mode.OuterHtml);
    }

    [Fact]
    public async Task Render_SaleArrivesDuringTheFirstLoad_RecordsTheListOnce()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);

        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));
        Services.GetRequiredService<LiveUpdates>().Notify(customerId);

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("[data-testid=live-update]")), TimeSpan.FromSeconds(30));
        Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count);
        await Eventually.AssertAsync(async () => Assert.Equal(10, await ShownAsync(customerId)));
        await panel.InvokeAsync(() => panel.FindComponent<MudBlazor.MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        Assert.Equal(20, await ShownAsync(customerId));
    }

    [Fact]
    public async Task Dismiss_OneSuggestion_RecordsOneNotForMe_AndTheListNoLongerHoldsIt()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);
        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));
        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        var name = panel.FindAll("[data-testid=suggestion] strong")[0].TextContent;

        // On the renderer's thread: the panel re-renders once the list is recorded, which can fall between a find and a click.
        await panel.InvokeAsync(() => panel.FindAll("[data-testid=dismiss]")[0].Click());

        panel.WaitForAssertion(() => Assert.DoesNotContain(name, panel.FindAll("[data-testid=suggestion] strong").Select(s => s.TextContent)), TimeSpan.FromSeconds(30));
        await using var db = _database!.CreateContext();
        var dismissed = await db.InteractionEvents.Where(e => e.CustomerId == customerId && e.Type == InteractionType.Dismissed)
            .Join(db.Products, e => e.ProductId, p => p.Id, (_, p) => p.Name).ToListAsync();
        Assert.Equal([name], dismissed.Select(RetailRecs.Core.Model.ProductName.Display)); // the card shows names one way
        Assert.Equal($"{name} will not be suggested to this customer again.", Assert.Single(Services.GetRequiredService<MudBlazor.ISnackbar>().ShownSnackbars).Message);
    }

    [Fact]
    public async Task Dismiss_TappedTwiceBeforeTheFirstIsStored_RecordsOneNotForMe()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);
        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));
        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        // Both taps reach the button before the first is stored (a click on the element itself would find the
        // button already re-rendered by the first).
        var button = panel.FindComponents<MudBlazor.MudIconButton>().First(b => b.Find("button").GetAttribute("data-testid") == "dismiss").Instance;

        await panel.InvokeAsync(() => Task.WhenAll(button.OnClick.InvokeAsync(), button.OnClick.InvokeAsync()));

        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        await using var db = _database!.CreateContext();
        Assert.Equal(1, await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Dismissed));
    }

    [Fact]
    public async Task Added_SecondSuggestion_RecordsOneAddedToBasket_MarksItInTheBasket_AndHandsItToTheCard()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);
        var basket = new List<Suggestion>();
        var marks = new List<SuggestionMark>();
        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId)
            .Add(c => c.OnAddedToBasket, (Suggestion s) => basket.Add(s)).Add(c => c.OnMarked, (SuggestionMark m) => marks.Add(m)));
        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        var name = panel.FindAll("[data-testid=suggestion] strong")[1].TextContent;

        await panel.InvokeAsync(() => panel.FindAll("[data-testid=added]")[1].Click());

        panel.WaitForAssertion(() => Assert.Equal("in the basket", panel.FindAll("[data-testid=suggestion]")[1].QuerySelector("[data-testid=recorded]")?.TextContent));
        Assert.Single(panel.FindAll("[data-testid=recorded]"));
        Assert.Equal(9, panel.FindAll("[data-testid=added]").Count); // the answered row has no buttons left
        var added = Assert.Single(basket);
        Assert.Equal(name, RetailRecs.Core.Model.ProductName.Display(added.Name));
        Assert.Equal([new SuggestionMark(added.ProductId, "in the basket")], marks);
        await using var db = _database!.CreateContext();
        var stored = await db.InteractionEvents.SingleAsync(e => e.CustomerId == customerId && e.Type != InteractionType.Shown);
        Assert.Equal((InteractionType.AddedToBasket, added.ProductId, "lookup"), (stored.Type, stored.ProductId, stored.Source));
        Assert.NotNull(stored.ModelRunId);
        await Eventually.AssertAsync(async () => Assert.Equal(10, await ShownAsync(customerId))); // no new list was shown
    }

    /// <summary>
    /// The mark follows the basket: a suggestion scanned into it says "in the basket"; one taken out of it offers its
    /// answers again, and adding it again records again (its mark stayed, with no button, while the basket let it go).
    /// </summary>
    [Fact]
    public async Task InBasket_ScannedInThenTakenOut_TheSuggestionSaysSoThenOffersItsAnswersAgain()
    {
        var customerId = await TrainedDemoAsync();
        SignInAs(StaffRoles.Associate);
        var panel = Render<SuggestionsPanel>(p => p.Add(c => c.CustomerId, customerId));
        panel.WaitForAssertion(() => Assert.Equal(10, panel.FindAll("[data-testid=suggestion]").Count), TimeSpan.FromSeconds(30));
        await panel.InvokeAsync(() => panel.FindAll("[data-testid=added]")[1].Click());
        panel.WaitForAssertion(() => Assert.Single(panel.FindAll("[data-testid=recorded]")));
        var addedId = await LastAddedAsync(customerId);
        var scannedId = await ProductOfRowAsync(panel, 3);

        await panel.InvokeAsync(() => panel.Render(p => p.Add(c => c.InBasket, [addedId, scannedId])));
        Assert.Equal(2, panel.FindAll("[data-testid=recorded]").Count);
        Assert.Equal("in the basket", panel.FindAll("[data-testid=suggestion]")[3].QuerySelector("[data-testid=recorded]")?.TextContent);

        await panel.InvokeAsync(() => panel.Render(p => p.Add(c => c.InBasket, [scannedId])));
        Assert.Single(panel.FindAll("[data-testid=recorded]"));
        await panel.InvokeAsync(() => panel.FindAll("[data-testid=suggestion]")[1].QuerySelector("[data-testid=added]")!.Click());
        await Eventually.AssertAsync(async () =>
        {
            await using var db = _database!.CreateContext();
            Assert.Equal(2, await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.AddedToBasket && e.ProductId == addedId));
        });
    }

    private async Task<int> LastAddedAsync(int customerId)
    {
        await using var db = _database!.CreateContext();
        return await db.InteractionEvents.Where(e => e.CustomerId == customerId && e.Type == InteractionType.AddedToBasket)
            .OrderByDescending(e => e.Id).Select(e => e.ProductId).FirstAsync();
    }

    /// <summary>The product id of the suggestion shown in a row, by its name.</summary>
    private async Task<int> ProductOfRowAsync(IRenderedComponent<SuggestionsPanel> panel, int row)
    {
        var name = panel.FindAll("[data-testid=suggestion] strong")[row].TextContent;
        await using var db = _database!.CreateContext();
        var products = await db.Products.Select(p => new { p.Id, p.Name }).ToListAsync();
        return products.Single(p => RetailRecs.Core.Model.ProductName.Display(p.Name) == name).Id;
    }

    Task IAsyncLifetime.InitializeAsync() => Task.CompletedTask;

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
