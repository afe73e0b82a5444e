using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Live;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Ingestion;

/// <summary>Sales sent through the API reach suggestions at once, and the next training says how close the increments came.</summary>
public class IncrementalUpdatesTests
{
    [Fact]
    public async Task IngestAsync_Purchases_ReachTheListAtOnce_AndRetrainingMeasuresTheirOverlapWithTheFullModel()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var trainer = database.Get<ModelTrainingService>();
        var first = await trainer.TrainAsync(new TrainingRequest([AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false));
        await database.Get<ModelRegistry>().PromoteAsync(Assert.Single(first).Id, StaffActor.System);
        await using var db = database.CreateContext();
        var customers = await db.Customers.OrderBy(c => c.Id).Take(5).Select(c => c.CustomerCode).ToListAsync();
        var service = database.Get<RecommendationService>();
        var customer = await db.Customers.Where(c => c.CustomerCode == customers[0]).Select(c => c.Id).SingleAsync();
        var before = await service.ForCustomerAsync(customer);

        var ingestion = database.Get<EventIngestion>();
        foreach (var code in customers)
        {
            Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "h", [new StoreEvent("purchase", code, "85123A", 2), new StoreEvent("purchase", code, "22423", 1)]));
        }
        var after = await service.ForCustomerAsync(customer);

        Assert.NotEqual(before.Items.Select(s => s.ProductId), after.Items.Select(s => s.ProductId));
        Assert.Contains(after.Items, s => s.Reason.Contains("White Hanging Heart T-Light Holder") || s.Reason.Contains("Regency Cakestand"));
        Assert.True(database.Get<LiveUpdates>().PendingCustomers >= 5);

        var retrained = await trainer.TrainAsync(new TrainingRequest([AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));

        var metrics = JsonDocument.Parse(Assert.Single(retrained).Metrics!).RootElement;
        Assert.Equal(5, metrics.GetProperty("customers").GetInt32());
        Assert.InRange(metrics.GetProperty("incrementalOverlap").GetDouble(), 0.0, 1.0);
    }

    /// <summary>
    /// A model trained during the day has that day as its last: sales of the same day stored after the training read
    /// the sales were not in it, and must reach the lists at once (they were taken as learned until the next training).
    /// </summary>
    [Fact]
    public async Task IngestAsync_PurchaseOnTheModelsLastDayAfterItWasTrained_ReachesTheListAtOnce()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var run = Assert.Single(await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test", SelectChampion: false)));
        await database.Get<ModelRegistry>().PromoteAsync(run.Id, StaffActor.System);
        await using var db = database.CreateContext();
        var code = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
        var customer = await db.Customers.Where(c => c.CustomerCode == code).Select(c => c.Id).SingleAsync();
        var lastDay = run.DataTo!.Value.ToDateTime(new TimeOnly(23, 0));

        Assert.IsType<IngestionOutcome.Ingested>(await database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("purchase", code, "85123A", 2, Invoice: "TILL-9", OccurredAt: lastDay),
                new StoreEvent("purchase", code, "22423", 1, Invoice: "TILL-9", OccurredAt: lastDay)]));
        var list = await database.Get<RecommendationService>().ForCustomerAsync(customer);

        Assert.Equal(1, database.Get<LiveUpdates>().PendingBaskets);
        Assert.Contains(list.Items, s => s.Reason.Contains("White Hanging Heart T-Light Holder") || s.Reason.Contains("Regency Cakestand"));
    }

    [Fact]
    public async Task IngestAsync_SameInvoiceTwice_IsRefusedAndTheFirstIsKept()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var ingestion = database.Get<EventIngestion>();

        Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "a", [new StoreEvent("purchase", "C-1", "85123A", 2, Invoice: "INV-1")]));
        var outcome = await ingestion.IngestAsync(0, null, "b", [new StoreEvent("purchase", "C-1", "22423", 1, Invoice: "INV-1")]);

        Assert.Equal("INV-1", Assert.IsType<IngestionOutcome.InvoiceTaken>(outcome).Invoice);
        await using var db = database.CreateContext();
        var order = await db.Orders.Include(o => o.Lines).SingleAsync(o => o.InvoiceNumber == "INV-1");
        Assert.Equal(2, Assert.Single(order.Lines).Quantity);
        Assert.True(await db.Customers.AnyAsync(c => c.CustomerCode == "C-1"));
    }
}
