using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>
/// A variant names a model run that cannot serve: the manager is told which of the causes applies (a failed training, a
/// model removed as an older run, a run that does not exist), and nothing is stored.
/// </summary>
public class ExperimentRunChoiceTests
{
    private static readonly StaffActor Manager = new(null, "manager");

    [Fact]
    public async Task CreateAsync_VariantOnARunThatCannotServe_SaysWhichCause_AndStoresNothing()
    {
        await using var database = await TestDatabase.CreateAsync();
        var removedOn = new DateTime(2026, 11, 30, 22, 0, 0, DateTimeKind.Utc);
        int failed, removed, trained;
        await using (var db = database.CreateContext())
        {
            var runs = new[]
            {
                new ModelRun { Algorithm = AlgorithmNames.ItemKnn, Status = ModelRunStatus.Failed, StartedBy = "test", Error = "Out of memory." },
                new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test", ArtifactRemovedAt = removedOn },
                new ModelRun { Algorithm = AlgorithmNames.Popularity, Status = ModelRunStatus.Succeeded, StartedBy = "test" },
            };
            db.ModelRuns.AddRange(runs);
            await db.SaveChangesAsync();
            (failed, removed, trained) = (runs[0].Id, runs[1].Id, runs[2].Id);
        }
        var service = database.Get<ExperimentService>();
        Task<Experiment> CreateWith(int runId) => service.CreateAsync(new ExperimentDraft("Item-knn against best sellers", "Bought-together lists sell more.",
            ExperimentUnit.Customer,
            [new ExperimentVariant("A", trained, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", runId, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), Manager);

        var whenFailed = await Assert.ThrowsAsync<ExperimentException>(() => CreateWith(failed));
        var whenRemoved = await Assert.ThrowsAsync<ExperimentException>(() => CreateWith(removed));
        var whenMissing = await Assert.ThrowsAsync<ExperimentException>(() => CreateWith(999));

        Assert.Equal($"Model run {failed} did not train successfully (failed): pick a trained model.", whenFailed.Message);
        Assert.Equal($"Model run {removed} no longer has its model: it was removed on 30 Nov 2026 as an older run. Pick a newer run of the same algorithm.",
            whenRemoved.Message);
        Assert.Equal("Model run 999 does not exist: pick a trained model.", whenMissing.Message);
        await using var check = database.CreateContext();
        Assert.Equal(0, await check.Experiments.CountAsync());
        // The run that can serve is accepted, so the refusals above were about the other run.
        Assert.Equal(ExperimentStatus.Draft, (await CreateWith(trained)).Status);
    }

    /// <summary>
    /// A training's clean-up read the drafts' runs just before this draft was saved, and removed the model it names:
    /// starting it is refused with the cause, and the draft stays a draft.
    /// </summary>
    [Fact]
    public async Task StartAsync_DraftWhoseModelWasRemovedAfterItWasSaved_IsRefusedWithTheCause_AndStaysADraft()
    {
        await using var database = await TestDatabase.CreateAsync();
        int older, newer;
        await using (var db = database.CreateContext())
        {
            (older, newer) = await Builders.TwoPopularityRunsAsync(db);
        }
        var service = database.Get<ExperimentService>();
        var draft = await service.CreateAsync(new ExperimentDraft("Older best sellers", "Last month's list sells as well.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", newer, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", older, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), Manager);
        await using (var db = database.CreateContext())
        {
            await db.ModelRuns.Where(r => r.Id == older)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.ArtifactRemovedAt, new DateTime(2026, 12, 5, 12, 0, 0, DateTimeKind.Utc)));
        }

        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StartAsync(draft.Id, Manager));

        Assert.Equal($"Model run {older} no longer has its model: it was removed on 5 Dec 2026 as an older run. Pick a newer run of the same algorithm. "
            + "This draft cannot start; create it again with a run that has its model.", refused.Message);
        await using var check = database.CreateContext();
        Assert.Equal(ExperimentStatus.Draft, (await check.Experiments.SingleAsync()).Status);
        Assert.Equal(0, await check.AuditEntries.CountAsync(a => a.Action == "experiment.started"));
    }
}
