using Bunit;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core;
using RetailRecs.Core.Common.Jobs;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Segments;
using RetailRecs.Web.Tests.Pages.Jobs;

namespace RetailRecs.Web.Tests.Pages.Segments;

/// <summary>
/// The Segments page (bUnit) and the job runner on a real SQLite file: a segmentation that ran inside "train, then
/// re-segment" shows as the current one and says so, and a segmentation waiting its turn is said to wait.
/// </summary>
public class SegmentsPageJobsTests : StaffComponentTestContext, IAsyncLifetime
{
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
    public async Task Render_TrainingReSegmentsWhileOpen_ShowsTheNewSegmentsAndTheTrainingTheyFollowed()
    {
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        SignInAs(StaffRoles.Admin);
        RunJobs();
        var page = Render<SegmentsPage>();
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=no-segments]")));

        Assert.True(Services.GetRequiredService<TrainingJobs>().Enqueue(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test.person@store.example", SelectChampion: false)));
        await Services.GetRequiredService<TrainingJobs>().Running.WaitAsync(TimeSpan.FromSeconds(120));

        await using var db = _database.CreateContext();
        var trained = db.ModelRuns.Single();
        page.WaitForAssertion(() => Assert.Contains($"After training run {trained.Id} (started by hand).",
            page.Find("[data-testid=run-computed]").TextContent), TimeSpan.FromSeconds(30));
        Assert.Contains($"After training run {trained.Id} (started by hand) · test.person@store.example",
            page.Find("[data-testid=segmentation-history] tbody tr").TextContent);
        Assert.Empty(page.FindAll("[data-testid=segmentation-activity]"));
    }

    [Fact]
    public async Task Run_WhileAnotherComputationRuns_SaysTheSegmentationWaits_ThenThatItRuns()
    {
        SignInAs(StaffRoles.Manager);
        RunJobs();
        var gate = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        Assert.True(Services.GetRequiredService<JobRunner>().TryEnqueue(new HeldJob("before", "cli", gate, started)));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var page = Render<SegmentsPage>();

        // Retried until the page has loaded: the button found during its first render is replaced by the next one.
        page.WaitForAssertion(() => page.Find("[data-testid=run-segmentation]").Click());

        page.WaitForAssertion(() => Assert.Equal("A segmentation is waiting: it starts when the job before it has finished.",
            page.Find("[data-testid=segmentation-activity]").TextContent.Trim()));
        gate.SetResult();
        await Services.GetRequiredService<SegmentationJobs>().Running.WaitAsync(TimeSpan.FromSeconds(60));
        // An empty shop: the segmentation ran and says why it made no segments.
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid=segmentation-outcome]")));
        Assert.Empty(page.FindAll("[data-testid=segmentation-activity]"));
    }
}
