using System.Data.Common;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RetailRecs.Core;
using RetailRecs.Core.Data;
using RetailRecs.Core.Import;
using RetailRecs.Core.Jobs;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Staff;
using RetailRecs.Testing;
using RetailRecs.Web.Components.Pages.Models;

namespace RetailRecs.Web.Tests.Pages.Models;

/// <summary>The Models page (bUnit) over the app's services and a real SQLite file: the champion, the runs, training and promotion.</summary>
public class ModelsPageTests : StaffComponentTestContext, IAsyncLifetime
{
    private TestDatabase _database = null!;
    private readonly TrainingReadGate _gate = new();

    async Task IAsyncLifetime.InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        Services.AddLogging();
        Services.AddSingleton<IInterceptor>(_gate);
        _database.AddDomainLayerTo(Services);
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        _gate.Open();
        await DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Render_ChampionBesideAFailedRun_ShowsWhoServesTheFailureReasonAndTheIncrementsDrift()
    {
        await using (var db = _database.CreateContext())
        {
            db.ModelRuns.AddRange(
                new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test", IsChampion = true,
                    PromotedAt = DateTime.UtcNow, PromotedBy = "admin@store.example", Customers = 1234, Products = 56, ArtifactBytes = 3 * 1048576 },
                new ModelRun { Algorithm = AlgorithmNames.ItemKnn, Status = ModelRunStatus.Failed, StartedBy = "test", Error = "The training ran out of memory." },
                new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test",
                    Metrics = IncrementalDrift.ToJson(new IncrementalDrift.Measure(0.5, 12, 1)), ArtifactBytes = 1048576, ArtifactRemovedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }
        SignInAs(StaffRoles.Manager);

        var page = Render<ModelsPage>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("[data-testid=runs] tbody tr").Count));
        var champion = page.Find("[data-testid=champion]").TextContent;
        Assert.Contains($"{AlgorithmNames.Plain(AlgorithmNames.Popularity)}: {AlgorithmNames.Explain(AlgorithmNames.Popularity)}", champion);
        Assert.Contains("Run 1 ", champion);
        Assert.Contains("by admin@store.example", champion);
        var rows = page.FindAll("[data-testid=runs] tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("The training ran out of memory.", rows[1]); // newest first: run 3, 2, 1
        Assert.Contains($"increments vs retrained: {0.5:P0} of the top 10 in common (12 customers)", rows[0]);
        Assert.Contains("champion", rows[2]);
        // A run's size, or that its stored model was removed as an older run (Training:KeepRunsPerAlgorithm).
        Assert.Contains("3.0 MiB", rows[2]);
        Assert.Contains($"model removed {DateTime.UtcNow.ToLocalTime():d MMM yyyy}", rows[0]);
        Assert.DoesNotContain("1.0 MiB", rows[0]);
        // Why, in the page rather than a tooltip (a tablet has no hover), with the configured number of runs kept.
        var note = page.Find("[data-testid=removed-models-note]").TextContent;
        Assert.Matches(@"latest\s+3 runs", note);
        Assert.Empty(page.FindAll("[data-testid=train]")); // a manager reads; only an admin trains
    }

    /// <summary>
    /// An admin presses Train on an empty shop, through the app's job runner as the host runs it: the job's runs are
    /// stored, then it reads the catalog and the sales, held at the gate until the test opens it.
    /// </summary>
    private async Task<IRenderedComponent<ModelsPage>> TrainingHeldAtTheGateAsync()
    {
        SignInAs(StaffRoles.Admin);
        RunJobs();
        var page = Render<ModelsPage>();
        page.WaitForAssertion(() => Assert.Contains("No model has been trained yet.", page.Find("[data-testid=runs]").TextContent));
        _gate.Arm();
        await page.InvokeAsync(() => page.Find("[data-testid=train]").Click());
        await _gate.Reached.WaitAsync(TimeSpan.FromSeconds(60));
        return page;
    }

    [Fact]
    public async Task Train_AsAdmin_ShowsTheRunsOnceTheWorkerStoresThem_ThenEachFailedRunsReason()
    {
        var page = await TrainingHeldAtTheGateAsync();

        // Shown while the job runs, without waiting for it to end.
        var algorithms = AlgorithmNames.Trainable.Count;
        page.WaitForAssertion(() => Assert.Equal(algorithms, page.FindAll("[data-testid=runs] tbody tr").Count(r => r.TextContent.Contains("running"))),
            TimeSpan.FromSeconds(30));

        _gate.Open();
        await Services.GetRequiredService<TrainingJobs>().Running.WaitAsync(TimeSpan.FromSeconds(60));

        // An empty shop: every run failed, and each says why.
        page.WaitForAssertion(() => Assert.Equal(algorithms,
            page.FindAll("[data-testid=runs] tbody tr").Count(r => r.TextContent.Contains("Not enough sales to learn from: 0 purchases"))), TimeSpan.FromSeconds(30));
        Assert.Contains($"0 of {algorithms} models trained", page.Find("[data-testid=training-outcome]").TextContent);
        Assert.Empty(page.FindAll("[data-testid=removed-models-note]")); // no run lost its model, so nothing to explain
    }

    /// <summary>A long training can be stopped from the page (only a restart stopped it): its runs say so, nothing serves instead.</summary>
    [Fact]
    public async Task StopTraining_WhileItReadsTheSales_TheRunsAreCancelledAndThePageSaysSo()
    {
        var page = await TrainingHeldAtTheGateAsync();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=stop-training]")), TimeSpan.FromSeconds(30));

        await page.InvokeAsync(() => page.Find("[data-testid=stop-training]").Click());
        _gate.Open();
        await Services.GetRequiredService<TrainingJobs>().Running.WaitAsync(TimeSpan.FromSeconds(60));

        page.WaitForAssertion(() => Assert.Equal("Training was stopped before it finished.", page.Find("[data-testid=training-outcome]").TextContent.Trim()),
            TimeSpan.FromSeconds(30));
        await using var db = Services.GetRequiredService<IDbContextFactory<RetailDbContext>>().CreateDbContext();
        Assert.All(await db.ModelRuns.ToListAsync(), r => Assert.Equal(ModelRunStatus.Cancelled, r.Status));
        Assert.False(await db.ModelRuns.AnyAsync(r => r.IsChampion));
    }

    [Fact]
    public async Task Promote_CancelledThenConfirmed_ChangesNothingFirst_ThenServesTheRunAndAuditsOnce()
    {
        await _database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await _database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false));
        SignInAs(StaffRoles.Admin);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<ModelsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid=promote-1]")));

        await page.InvokeAsync(() => page.Find("[data-testid=promote-1]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Run 1 (", dialogs.Markup));
        Assert.Contains("will serve every suggestion from now on", dialogs.Markup);
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel").Click());
        dialogs.WaitForAssertion(() => Assert.Empty(dialogs.FindAll("button")));
        Assert.Null(await ChampionAsync());

        await page.InvokeAsync(() => page.Find("[data-testid=promote-1]").Click());
        dialogs.WaitForAssertion(() => Assert.Contains("Run 1 (", dialogs.Markup));
        await dialogs.InvokeAsync(() => dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Promote").Click());

        page.WaitForAssertion(() => Assert.Contains("by test.person@store.example", page.Find("[data-testid=champion]").TextContent));
        Assert.Empty(page.FindAll("[data-testid=promote-1]")); // the champion is not promoted again
        Assert.Equal(("Run 1 is now the champion.", Severity.Success),
            Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => (s.Message, s.Severity)).Single());
        Assert.Equal((1, "test.person@store.example"), await ChampionAsync());
        await using var db = _database.CreateContext();
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == ModelRegistry.PromotedAction));
    }

    private async Task<(int Id, string? By)?> ChampionAsync()
    {
        await using var db = _database.CreateContext();
        return await db.ModelRuns.Where(r => r.IsChampion).Select(r => new { r.Id, r.PromotedBy }).SingleOrDefaultAsync() is { } c ? (c.Id, c.PromotedBy) : null;
    }

    /// <summary>
    /// Holds the training's first read of the catalog until the test lets it go, so "while it runs" does not depend on
    /// this machine's speed. (The sales themselves are read by position outside EF's interceptors: TrainingDataLoader.)
    /// </summary>
    private sealed class TrainingReadGate : DbCommandInterceptor
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _held = 1;

        /// <summary>From now on, the next read of the catalog for training waits.</summary>
        public void Arm() => Interlocked.Exchange(ref _held, 0);

        public void Open() => _open.TrySetResult();

        public Task Reached => _reached.Task;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken ct = default)
        {
            var catalogForTraining = command.CommandText.Contains("\"IsNonMerchandise\"", StringComparison.Ordinal)
                && command.CommandText.Contains("\"CreatedAt\"", StringComparison.Ordinal);
            if (catalogForTraining && Interlocked.Exchange(ref _held, 1) == 0)
            {
                _reached.TrySetResult();
                await _open.Task.WaitAsync(ct);
            }
            return result;
        }
    }
}
