using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Models;

namespace RetailRecs.Web.Tests.Pages.Models;

/// <summary>The evaluation on the Models page as a manager meets it: run it, read the verdict, open the figures.</summary>
public class EvaluationPanelTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase? _database;

    private async Task<TestDatabase> DatabaseAsync(bool withSales)
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
        if (withSales)
        {
            await _database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
                "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        }
        return _database;
    }

    [Fact]
    public async Task Evaluate_AsManager_RunsInTheBackground_AndShowsItsOutcome()
    {
        await DatabaseAsync(withSales: false);
        SignInAs(StaffRoles.Manager);
        RunJobs();
        var panel = Render<EvaluationPanel>(p => p.Add(c => c.StaffName, "manager@store.example"));

        // On the renderer's thread: the history load may re-render the panel between finding the button and clicking it.
        await panel.InvokeAsync(() => panel.Find("[data-testid=evaluate]").Click());

        var jobs = Services.GetRequiredService<EvaluationJobs>();
        await jobs.Running;
        // An empty shop cannot be evaluated: the refusal in words is the outcome the manager reads.
        panel.WaitForAssertion(() => Assert.Contains("mud-alert-text-error", panel.Find("[data-testid=evaluation-outcome]").OuterHtml));
        Assert.False(jobs.Current.Busy);
        Assert.True(jobs.Current.LastFailed);
        await using var db = _database!.CreateContext();
        var stored = await db.EvaluationRuns.SingleAsync();
        Assert.Equal((ModelRunStatus.Failed, "manager@store.example"), (stored.Status, stored.StartedBy));
        Assert.StartsWith("Not enough sales to evaluate", stored.Error);
    }

    [Fact]
    public async Task Evaluate_SplitDateThatIsNoDate_WarnsAndStartsNothing()
    {
        var database = await DatabaseAsync(withSales: false);
        SignInAs(StaffRoles.Manager);
        RunJobs();
        var panel = Render<EvaluationPanel>(p => p.Add(c => c.StaffName, "manager@store.example"));
        panel.Find("input[data-testid=evaluation-details]").Change(true);

        panel.WaitForAssertion(() => Assert.NotEmpty(panel.FindComponents<MudTextField<string>>()));
        panel.FindComponent<MudTextField<string>>().Find("input").Change("next Tuesday");
        // On the renderer's thread: the history load may still be rendering, and a queued click would not have run yet.
        await panel.InvokeAsync(() => panel.Find("[data-testid=evaluate]").Click());

        Assert.Equal([("The split date is not a date.", Severity.Warning)],
            Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).ToList());
        var jobs = Services.GetRequiredService<EvaluationJobs>();
        Assert.False(jobs.Current.Busy);
        Assert.Null(jobs.Current.LastOutcome);
        Assert.Empty(panel.FindAll("[data-testid=evaluation-outcome]"));
        await using var db = database.CreateContext();
        Assert.Equal(0, await db.EvaluationRuns.CountAsync());
    }

    [Fact]
    public async Task DetailsSwitch_AfterAnEvaluation_ShowsTheMetricTables_WhichAreHiddenAtFirst()
    {
        var database = await DatabaseAsync(withSales: true);
        await database.Get<EvaluationService>().RunAsync(new EvaluationOptions { Models = [AlgorithmNames.ItemKnn], Resamples = 100 }, "test");
        SignInAs(StaffRoles.Manager);
        RunJobs();
        var panel = Render<EvaluationPanel>(p => p.Add(c => c.StaffName, "manager@store.example"));
        panel.WaitForAssertion(() => Assert.Contains("beyond chance", panel.Find("[data-testid=evaluation-verdict]").TextContent));
        Assert.Empty(panel.FindAll("[data-testid=evaluation-row]"));

        panel.Find("input[data-testid=evaluation-details]").Change(true);

        // Repeat track: item-knn, best sellers, own most-bought, own recent buys; new track: item-knn, best sellers.
        panel.WaitForAssertion(() => Assert.Equal(6, panel.FindAll("[data-testid=evaluation-row]").Count));
        Assert.Contains("own recent buys", panel.Markup);
        Assert.Contains("Precision@10", panel.Markup);
    }

    /// <summary>NDCG@5 and NDCG@10 are different measures: the trend joins only the evaluations at the latest one's K.</summary>
    [Fact]
    public async Task History_EvaluationsAtAnotherK_AreLeftOutOfTheTrend()
    {
        var database = await DatabaseAsync(withSales: true);
        var evaluations = database.Get<EvaluationService>();
        foreach (var k in new[] { 10, 5, 5 })
        {
            await evaluations.RunAsync(new EvaluationOptions { Models = [AlgorithmNames.ItemKnn], Resamples = 50, K = k }, "test");
        }
        SignInAs(StaffRoles.Manager);
        RunJobs();
        var panel = Render<EvaluationPanel>(p => p.Add(c => c.StaffName, "manager@store.example"));
        panel.WaitForAssertion(() => Assert.Contains("beyond chance", panel.Find("[data-testid=evaluation-verdict]").TextContent));
        panel.Find("input[data-testid=evaluation-details]").Change(true);

        panel.WaitForAssertion(() => Assert.NotNull(panel.Find("button[aria-label='Show NDCG@5 over time (new-items track) as a table']")));
        await panel.InvokeAsync(() => panel.Find("button[aria-label='Show NDCG@5 over time (new-items track) as a table']").Click());

        // Two evaluations at K = 5, each with item-knn and best sellers on the new track; the one at K = 10 is not there.
        var card = panel.FindAll("[data-testid=chart-card]").Single(c => c.TextContent.Contains("NDCG@5 over time", StringComparison.Ordinal));
        Assert.Equal(4, card.QuerySelectorAll("tbody tr").Length);
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
