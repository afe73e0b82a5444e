using Microsoft.EntityFrameworkCore;
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

    /// <summary>
    /// While another instance runs a job the page reads the list again every 10 s: one read that met a busy or
    /// unreachable database ended the refreshes for good, and leaving the page then threw from its disposal (the
    /// "unhandled error" bar). The next tick reads again.
    /// </summary>
    [Fact]
    public async Task Refresh_DatabaseAwayForOneTick_KeepsRefreshing_AndThePageClosesCleanly()
    {
        await using (var db = _database.CreateContext())
        {
            db.SegmentationRuns.Add(new SegmentationRun { Status = ModelRunStatus.Running, StartedBy = "startup", Owner = ProcessOwner.Name("till-server-2", 4242) });
            await db.SaveChangesAsync();
        }
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(DateTimeOffset.UtcNow);
        var outage = new ReadsFail();
        Services.AddSingleton<TimeProvider>(clock);
        Services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(outage);
        SignInAs(StaffRoles.Manager, email: Viewer);
        var page = Render<BackgroundWorkPage>();
        page.WaitForAssertion(() => Assert.Contains("Running on another instance", page.Find("[data-testid=recent-jobs]").TextContent));

        outage.Down = true;
        clock.Advance(BackgroundWorkPage.ElsewhereEvery);
        page.WaitForAssertion(() => Assert.True(outage.Refused > 0));
        outage.Down = false;
        await using (var db = _database.CreateContext())
        {
            await db.SegmentationRuns.ExecuteUpdateAsync(u => u.SetProperty(r => r.Status, ModelRunStatus.Succeeded).SetProperty(r => r.FinishedAt, DateTime.UtcNow));
        }
        clock.Advance(BackgroundWorkPage.ElsewhereEvery);

        page.WaitForAssertion(() => Assert.DoesNotContain("Running on another instance", page.Find("[data-testid=recent-jobs]").TextContent));
        await page.Instance.DisposeAsync();
    }

    /// <summary>Every query fails while <see cref="Down"/>, as when the database is away.</summary>
    private sealed class ReadsFail : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        private int _refused;
        public volatile bool Down;
        public int Refused => _refused;

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<System.Data.Common.DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (Down)
            {
                Interlocked.Increment(ref _refused);
                throw new TimeoutException("The database did not answer (test).");
            }
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
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
