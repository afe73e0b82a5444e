using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Jobs;

namespace RetailRecs.Web.Tests.Pages.Jobs;

/// <summary>The Background work page (bUnit) over the app's services, its job runner and a real SQLite file.</summary>
public class BackgroundWorkPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private const string Viewer = "test.person@store.example";
    private TestDatabase _database = null!;

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        _database.AddDomainLayerTo(Services);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Render_OneJobRunningAndOneWaiting_ShowsTheStageAndTheQueue_NamingOnlyTheReader_ThenTheOutcomeLive()
    {
        SignInAs(StaffRoles.Manager, email: Viewer);
        RunJobs();
        var runner = Services.GetRequiredService<JobRunner>();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var page = Render<BackgroundWorkPage>();
        page.WaitForAssertion(() => Assert.Contains("Nothing is running on this app server.", page.Find("[data-testid=active-jobs]").TextContent));

        Assert.True(runner.TryEnqueue(new HeldJob("first", "pat.pages@store.example", gate, started, stage: "Reading sales")));
        Assert.True(runner.TryEnqueue(new HeldJob("second", Viewer, gate)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        page.WaitForAssertion(() =>
        {
            var running = page.Find("[data-testid=running-job]").TextContent;
            Assert.Contains("By hand (a staff member)", running);
            Assert.Contains("Reading sales", running);
        });
        Assert.Contains("By hand (you)", page.Find("[data-testid=waiting-jobs]").TextContent);
        Assert.DoesNotContain("pat.pages", page.Markup);
        Assert.Single(page.FindAll("[data-testid=running-job] .mud-progress-linear"));

        gate.SetResult();
        await runner.WhenIdleAsync().WaitAsync(TimeSpan.FromSeconds(30));

        // Jobs without stored runs come from this app server's runner, and the page says so.
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("[data-testid=recent-jobs] tbody tr").Count(r => r.TextContent.Contains("On this app server"))));
        Assert.Contains("No job is waiting.", page.Find("[data-testid=active-jobs]").TextContent);
    }

    [Fact]
    public async Task Train_ShopWithoutSales_TheFailureAndItsReasonShowWhileThePageIsOpen()
    {
        SignInAs(StaffRoles.Manager, email: Viewer);
        RunJobs();
        var page = Render<BackgroundWorkPage>();
        page.WaitForAssertion(() => Assert.Contains("No background job has run yet.", page.Find("[data-testid=recent-jobs]").TextContent));

        // The real training job on the real runner: with no sales, every model fails and says why.
        Assert.True(Services.GetRequiredService<TrainingJobs>().Enqueue(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), Viewer, SelectChampion: false)));
        await Services.GetRequiredService<TrainingJobs>().Running.WaitAsync(TimeSpan.FromSeconds(60));

        page.WaitForAssertion(() =>
        {
            var row = Assert.Single(page.FindAll("[data-testid=recent-jobs] tbody tr"));
            Assert.Contains("Training, then segments", row.TextContent);
            Assert.Contains("By hand (you)", row.TextContent);
            Assert.Contains("Failed", row.TextContent);
            Assert.StartsWith("Not enough sales to learn from: 0 purchases", row.QuerySelector("[data-testid=job-message]")!.TextContent.Trim());
        }, TimeSpan.FromSeconds(30));
    }

    [Fact]
    public void RecentJobsTable_MessageHoldingMarkup_ShowsItAsText()
    {
        SignInAs(StaffRoles.Manager);
        var job = new PastJob("import", "Import 3: transactions file, 10 rows", "cli", DateTime.UtcNow, DateTime.UtcNow, JobState.Failed,
            "Column <b>Quantity</b> missing.");

        var table = Render<RecentJobsTable>(p => p.Add(t => t.Jobs, [job]));

        Assert.Equal("Column <b>Quantity</b> missing.", table.Find("[data-testid=job-message]").TextContent);
        Assert.Empty(table.FindAll("[data-testid=job-message] b"));
        Assert.Contains("Command line", table.Find("tbody tr").TextContent);
    }

    [Fact]
    public void ActiveJobsPanel_StageHoldingMarkup_ShowsItAsText()
    {
        SignInAs(StaffRoles.Manager);
        var job = new ActiveJob("import", "schedule", JobLane.Import, DateTime.UtcNow, DateTime.UtcNow, "<i>Reading</i>", 0.25);

        var panel = Render<ActiveJobsPanel>(p => p.Add(a => a.Jobs, [job]));

        Assert.Contains("<i>Reading</i>", panel.Find("[data-testid=running-job]").TextContent);
        Assert.Empty(panel.FindAll("[data-testid=running-job] i"));
        Assert.Contains("Daily schedule", panel.Find("[data-testid=running-job]").TextContent);
    }
}
