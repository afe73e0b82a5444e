using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Customers;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

/// <summary>
/// The demo slice in a real SQLite file with a user-knn champion (it serves from every customer's history, so it shows
/// whether an erased customer still counts), a segmentation, and a running A/A experiment on customers. Each test
/// works on a customer of its own (<see cref="CustomerAsync"/>), so the tests of one class can share it.
/// </summary>
public sealed class PrivacyDemoDatabase : IAsyncLifetime
{
    public static readonly StaffActor Admin = new("admin-id", "admin@retailrecs.example");

    public TestDatabase Database { get; private set; } = null!;
    public Experiment Experiment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        await Database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await Database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.UserKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        await Database.Get<SegmentationService>().RunAsync(new SegmentationOptions(), "test");
        var experiments = Database.Get<ExperimentService>();
        Experiment = await experiments.CreateAsync(new ExperimentDraft("A/A", "No difference.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, true), Admin);
        await experiments.StartAsync(Experiment.Id, Admin);
    }

    public async Task DisposeAsync() => await Database.DisposeAsync();

    /// <summary>
    /// The customer with returns ranked <paramref name="rank"/> by number of orders, made to have everything a customer
    /// can have: a list shown in the experiment (shown events and an exposure), an acceptance, a dismissal, a card view,
    /// and a change of their record through the API (which, with <paramref name="objects"/>, also records their objection
    /// to personalisation; their sales then no longer train anything).
    /// </summary>
    public async Task<Customer> CustomerAsync(int rank, bool objects = false)
    {
        int id;
        await using (var db = Database.CreateContext())
        {
            id = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.CustomerId!.Value)
                .Where(g => g.Any(o => o.IsCancellation))
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key).Skip(rank).Select(g => g.Key).FirstAsync();
        }
        var list = await Database.Get<RecommendationService>().ForCustomerAsync(id);
        var recorder = Database.Get<InteractionRecorder>();
        await recorder.RecordShownAsync(id, list, "lookup", Admin.UserId);
        await recorder.RecordAsync(id, [list.Items[0].ProductId], InteractionType.Accepted, "lookup", list.ModelRunId, Admin.UserId);
        await recorder.RecordAsync(id, [list.Items[1].ProductId], InteractionType.Dismissed, "lookup", list.ModelRunId, Admin.UserId);
        await Database.Get<CustomerCardService>().OpenAsync(id, Admin);
        await using (var db = Database.CreateContext())
        {
            var code = await db.Customers.Where(c => c.Id == id).Select(c => c.CustomerCode).SingleAsync();
            Assert.IsType<UpsertOutcome.Stored>(await Database.Get<CatalogUpserts>().UpsertCustomerAsync(code,
                new CustomerDetails(Region: "Kent", PersonalizationOptOut: objects ? true : null), new StaffActor(null, "api:till-7")));
        }
        await using (var db = Database.CreateContext())
        {
            return await db.Customers.AsNoTracking().SingleAsync(c => c.Id == id);
        }
    }
}
