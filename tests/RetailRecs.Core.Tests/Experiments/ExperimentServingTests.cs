using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Feedback;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

using RetailRecs.Core.Tests.Recommendations;

namespace RetailRecs.Core.Tests.Experiments;

/// <summary>A running experiment on the demo data, end to end: routing to a variant's model, exposure logging, attribution, stopping.</summary>
public class ExperimentServingTests
{
    private static readonly StaffActor Manager = new(null, "manager");

    private sealed record Setup(TestDatabase Database, ModelRun Champion, ModelRun Challenger, Experiment Experiment) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Database.DisposeAsync();
    }

    private static async Task<Setup> RunningExperimentAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var runs = await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        // Whatever the training job chose, popularity is the champion here and item-knn the challenger.
        var champion = runs.Single(r => r.Algorithm == AlgorithmNames.Popularity);
        await using (var db = database.CreateContext())
        if (!await db.ModelRuns.AnyAsync(r => r.Id == champion.Id && r.IsChampion))
        {
            await database.Get<ModelRegistry>().PromoteAsync(champion.Id, Manager);
        }
        var challenger = runs.Single(r => r.Algorithm == AlgorithmNames.ItemKnn);
        var service = database.Get<ExperimentService>();
        var experiment = await service.CreateAsync(new ExperimentDraft("Item-knn against best sellers", "Bought-together lists sell more than best sellers.",
            ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", challenger.Id, SuggestionMode.Replenishment, 5, 1)],
            ExperimentMetric.PurchaseWithinDays, [ExperimentMetric.AcceptanceRate], 7, 14, 3841, false), Manager);
        await service.StartAsync(experiment.Id, Manager);
        return new Setup(database, champion, challenger, experiment);
    }

    /// <summary>A one-line sale (or return) of a product, as a till or an import stores it.</summary>
    private static Order Sale(string invoice, int customerId, int productId, int quantity, decimal? price, DateTime placedAt, bool cancellation = false)
    {
        var order = new Order { InvoiceNumber = invoice, CustomerId = customerId, PlacedAt = placedAt, IsCancellation = cancellation,
            Lines = [new OrderLine { LineNumber = 1, ProductId = productId, Quantity = quantity, UnitPrice = price }] };
        order.RefreshTotals();
        return order;
    }

    private static async Task SellAsync(Setup s, params Order[] orders)
    {
        await using var db = s.Database.CreateContext();
        db.Orders.AddRange(orders);
        await db.SaveChangesAsync();
    }

    /// <summary>
    /// Moves the experiment's exposures and this test's sales a window and a day into the past (the results count a
    /// customer once their window has ended): the results as they read eight days later.
    /// </summary>
    private static async Task<Experiment> AWeekLaterAsync(Setup s)
    {
        var back = TimeSpan.FromDays(8);
        await using var db = s.Database.CreateContext();
        foreach (var exposure in await db.ExperimentExposures.Where(e => e.ExperimentId == s.Experiment.Id).ToListAsync())
        {
            exposure.OccurredAt -= back;
        }
        foreach (var order in await db.Orders.Where(o => o.InvoiceNumber!.StartsWith("EXP-") || o.InvoiceNumber!.StartsWith("CEXP-")).ToListAsync())
        {
            order.PlacedAt -= back;
            order.PlacedOn = DateOnly.FromDateTime(order.PlacedAt);
        }
        var experiment = await db.Experiments.SingleAsync(e => e.Id == s.Experiment.Id);
        experiment.StartedAt -= back;
        await db.SaveChangesAsync();
        return experiment;
    }

    private static async Task<int> CustomerInAsync(Setup s, string variant, int skip = 0)
    {
        await using var db = s.Database.CreateContext();
        var ids = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).Take(200).ToListAsync();
        var variants = ExperimentJson.VariantsOf(s.Experiment);
        return ids.Where(id => ExperimentAssignment.Assign(id.ToString(CultureInfo.InvariantCulture), s.Experiment.Id, variants).Name == variant).Skip(skip).First();
    }

    [Fact]
    public async Task ForCustomerAsync_CustomerAssignedToB_ServesBsModelModeAndLength_AndLogsTheExposure()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");

        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        await s.Database.Get<InteractionRecorder>().RecordServedAsync(customerId, list, "api");

        Assert.Equal(s.Challenger.Id, list.ModelRunId);
        Assert.Equal(AlgorithmNames.ItemKnn, list.Algorithm);
        Assert.Equal(new ExperimentArm(s.Experiment.Id, s.Experiment.Name, "B"), list.Experiment);
        Assert.Equal(5, list.Items.Count);
        await using var db = s.Database.CreateContext();
        var exposure = await db.ExperimentExposures.SingleAsync();
        Assert.Equal(("B", customerId, s.Challenger.Id, "api", 5), (exposure.Variant, exposure.CustomerId, exposure.ModelRunId, exposure.Source, exposure.ShownCount));
        Assert.Equal(string.Join(',', list.Items.Select(i => i.ProductId)), exposure.ProductIds);
    }

    /// <summary>A store system asking again for the same list (a retry, a reload) exposed the customer once more each time.</summary>
    [Fact]
    public async Task RecordServedAsync_SameListServedThreeTimes_IsOneExposure_AnotherListIsAnother()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");
        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        var recorder = s.Database.Get<InteractionRecorder>();

        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordServedAsync(customerId, list, "api");
        }
        await recorder.RecordServedAsync(customerId, list with { Items = list.Items.Skip(1).ToList() }, "api");

        await using var db = s.Database.CreateContext();
        Assert.Equal([5, 4], await db.ExperimentExposures.OrderBy(e => e.Id).Select(e => e.ShownCount).ToListAsync());
    }

    /// <summary>A till retrying while its first request is still being answered: the check and the insert raced.</summary>
    [Fact]
    public async Task RecordServedAsync_SameListServedEightTimesAtOnce_IsOneExposure()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");
        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        var recorder = s.Database.Get<InteractionRecorder>();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => recorder.RecordServedAsync(customerId, list, "api"))));

        await using var db = s.Database.CreateContext();
        Assert.Equal(1, await db.ExperimentExposures.CountAsync());
    }

    [Fact]
    public async Task ForCustomerAsync_VariantWhoseModelCannotBeRead_ServesTheChampionWithoutAnExposure()
    {
        await using var s = await RunningExperimentAsync();
        await using (var db = s.Database.CreateContext())
        {
            await db.ModelRunArtifacts.Where(a => a.ModelRunId == s.Challenger.Id).ExecuteDeleteAsync();
        }
        var customerId = await CustomerInAsync(s, "B");

        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);

        Assert.Equal(s.Champion.Id, list.ModelRunId);
        Assert.Null(list.Experiment);
        await using var check = s.Database.CreateContext();
        Assert.False(await check.ExperimentExposures.AnyAsync());
    }

    /// <summary>
    /// A model written by a newer version (a rolling upgrade) or damaged throws InvalidDataException, not the
    /// InvalidOperationException of a removed one: it reached the card and the API as an error for the whole arm.
    /// </summary>
    [Fact]
    public async Task ForCustomerAsync_VariantWhoseModelIsDamaged_ServesTheChampionWithoutAnExposure()
    {
        await using var s = await RunningExperimentAsync();
        await using (var db = s.Database.CreateContext())
        {
            var artifact = await db.ModelRunArtifacts.SingleAsync(a => a.ModelRunId == s.Challenger.Id);
            artifact.Data = [.. artifact.Data.Take(64).Select(b => (byte)~b)];
            await db.SaveChangesAsync();
        }
        var customerId = await CustomerInAsync(s, "B");

        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        var again = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);

        Assert.Equal((s.Champion.Id, s.Champion.Id), (list.ModelRunId, again.ModelRunId));
        Assert.Null(list.Experiment);
        await using var check = s.Database.CreateContext();
        Assert.False(await check.ExperimentExposures.AnyAsync());
    }

    /// <summary>
    /// A model cut short (a copy that stopped half-way): its reader fails with another kind of exception than a damaged
    /// header's, which before 2026-12-06 reached the card as an error for every customer of the arm.
    /// </summary>
    [Fact]
    public async Task ForCustomerAsync_VariantWhoseModelIsCutShort_ServesTheChampionWithoutAnExposure()
    {
        await using var s = await RunningExperimentAsync();
        await using (var db = s.Database.CreateContext())
        {
            // The model's bytes as they decompress, cut in half and compressed again: a well-formed file that ends early.
            var artifact = await db.ModelRunArtifacts.SingleAsync(a => a.ModelRunId == s.Challenger.Id);
            var shared = artifact.SharedPartId is { } partId ? (await db.ModelArtifactParts.SingleAsync(p => p.Id == partId)).Data : null;
            using var whole = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(StoredArtifact.Open(artifact.Data, shared, artifact.SharedPartAt), System.IO.Compression.CompressionMode.Decompress))
            {
                await gzip.CopyToAsync(whole);
            }
            using var cut = new MemoryStream();
            using (var gzip = new System.IO.Compression.GZipStream(cut, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(whole.GetBuffer(), 0, (int)whole.Length / 2);
            }
            (artifact.Data, artifact.SharedPartId, artifact.SharedPartAt) = (cut.ToArray(), null, null);
            await db.SaveChangesAsync();
        }
        var customerId = await CustomerInAsync(s, "B");

        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);

        Assert.Equal(s.Champion.Id, list.ModelRunId);
        Assert.Null(list.Experiment);
        Assert.NotEmpty(list.Items);
    }

    /// <summary>
    /// An experiment of two trained runs keeps serving them while the champion is retrained. A till's sale is let go from
    /// memory once the new champion learned it, and the older run then offered the customer what they had just bought
    /// as new to them (discovery mode leaves out what they bought).
    /// </summary>
    [Fact]
    public async Task ForCustomerAsync_VariantOlderThanANewChampion_StillKnowsTheCustomersSaleSinceItsTraining()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        var training = database.Get<ModelTrainingService>();
        var first = await training.TrainAsync(new TrainingRequest([AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        var older = first.Single(r => r.Algorithm == AlgorithmNames.ItemKnn);
        var experiments = database.Get<ExperimentService>();
        var experiment = await experiments.CreateAsync(new ExperimentDraft("Two trained runs", "Shorter lists convert better.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", older.Id, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", older.Id, SuggestionMode.Discovery, 5, 1)],
            ExperimentMetric.PurchaseWithinDays, [], 7, 14, 3841, false), Manager);
        await experiments.StartAsync(experiment.Id, Manager);
        var service = database.Get<RecommendationService>();
        int customerId;
        string code;
        await using (var db = database.CreateContext())
        {
            customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            code = await db.Customers.Where(c => c.Id == customerId).Select(c => c.CustomerCode).SingleAsync();
        }
        var before = await service.ForCustomerAsync(customerId);
        Assert.Equal(older.Id, before.ModelRunId);
        var suggested = before.Items[0].ProductId;
        string sku;
        await using (var db = database.CreateContext())
        {
            sku = await db.Products.Where(p => p.Id == suggested).Select(p => p.Sku).SingleAsync();
        }

        Assert.IsType<Core.Ingestion.IngestionOutcome.Ingested>(await database.Get<Core.Ingestion.EventIngestion>().IngestAsync(0, null, "sale",
            [new Core.Ingestion.StoreEvent("purchase", code, sku, 1, 2.50m, Invoice: "TILL-OLD-1")]));
        var newer = (await training.TrainAsync(new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test"))).Single();
        await using (var db = database.CreateContext())
        {
            if (!await db.ModelRuns.AnyAsync(r => r.Id == newer.Id && r.IsChampion))
            {
                await database.Get<ModelRegistry>().PromoteAsync(newer.Id, Manager);
            }
        }

        var after = await service.ForCustomerAsync(customerId);

        Assert.Equal(older.Id, after.ModelRunId);
        Assert.DoesNotContain(after.Items, i => i.ProductId == suggested);
    }

    [Fact]
    public async Task ForCustomerAsync_CustomerAssignedToA_GetsTheChampionAndStaysInA()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "A");
        var service = s.Database.Get<RecommendationService>();

        var first = await service.ForCustomerAsync(customerId);
        var second = await service.ForCustomerAsync(customerId);

        Assert.Equal(s.Champion.Id, first.ModelRunId);
        Assert.Equal("A", first.Experiment!.Variant);
        Assert.Equal(first.Experiment, second.Experiment);
        await using var db = s.Database.CreateContext();
        // Asking for a list writes nothing (a prerender or a refresh asks too); showing it is one exposure, however soon after.
        Assert.Equal(0, await db.ExperimentExposures.CountAsync());
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(customerId, first, "lookup", null);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(customerId, second, "lookup", null);
        Assert.Equal(2, await db.ExperimentExposures.CountAsync(e => e.CustomerId == customerId && e.Variant == "A"));
        Assert.Equal(2 * first.Items.Count, await db.InteractionEvents.CountAsync(e => e.CustomerId == customerId && e.Type == InteractionType.Shown && e.ExperimentVariant == "A"));
    }

    [Fact]
    public async Task ResultsAsync_PurchaseOfAShownProductWithinTheWindow_CountsForTheVariant_AndStoppingEndsRouting()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");
        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(customerId, list, "lookup", null);
        await SellAsync(s, Sale("EXP-1", customerId, list.Items[0].ProductId, 3, 2.5m, DateTime.UtcNow.AddMinutes(1)));
        var service = s.Database.Get<ExperimentService>();

        var report = await service.ResultsAsync(await AWeekLaterAsync(s));

        var b = report.Variants.Single(v => v.Name == "B");
        Assert.Equal(1, b.Units);
        Assert.Equal(1, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions);
        Assert.Equal(7.5, b.Metrics[ExperimentMetric.RevenuePerExposed].Value, 6);
        Assert.Equal(0, b.Metrics[ExperimentMetric.AcceptanceRate].Conversions);
        Assert.Contains("Not enough data yet", report.Verdict.Text);

        await service.StopAsync(s.Experiment.Id, Manager, winner: "B", promote: true);

        var after = await s.Database.Get<RecommendationService>().ForCustomerAsync(await CustomerInAsync(s, "A"));
        Assert.Null(after.Experiment);
        Assert.Equal(s.Challenger.Id, after.ModelRunId);
        var stopped = (await service.GetAsync(s.Experiment.Id))!;
        Assert.Equal((ExperimentStatus.Stopped, "B"), (stopped.Status, stopped.Winner));
    }

    /// <summary>
    /// Shown suggestions a minute ago, the customer has had a minute of a seven-day window: counted then, they read as
    /// not having bought, which understated every rate near the planned end. They wait until the window ends.
    /// </summary>
    [Fact]
    public async Task ResultsAsync_CustomerInsideTheirWindow_IsNotCountedYet_AndIsSaidToBePending()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");
        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(customerId, list, "lookup", null);
        await SellAsync(s, Sale("EXP-W1", customerId, list.Items[0].ProductId, 1, 2.5m, DateTime.UtcNow.AddMinutes(1)));
        var service = s.Database.Get<ExperimentService>();

        var now = await service.ResultsAsync((await service.GetAsync(s.Experiment.Id))!);

        Assert.Equal((0L, 1), (now.Variants.Single(v => v.Name == "B").Units, now.Pending));
        Assert.InRange(now.PendingUntil!.Value, DateTime.UtcNow.AddDays(7).AddMinutes(-5), DateTime.UtcNow.AddDays(7));
        var later = await service.ResultsAsync(await AWeekLaterAsync(s));
        var b = later.Variants.Single(v => v.Name == "B");
        Assert.Equal((1L, 1L, 0), (b.Units, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions, later.Pending));
    }

    /// <summary>A daily file's sale carries its date at midnight: bought the day of the showing, it never counted.</summary>
    [Fact]
    public async Task ResultsAsync_SaleWithADateOnlyOnTheDayOfTheShowing_CountsForTheVariant()
    {
        await using var s = await RunningExperimentAsync();
        var customerId = await CustomerInAsync(s, "B");
        var list = await s.Database.Get<RecommendationService>().ForCustomerAsync(customerId);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(customerId, list, "lookup", null);
        var shownDay = Core.Analytics.ShownThenBought.OnSaleClock(DateTime.UtcNow, TimeZoneInfo.Local).Date;
        await SellAsync(s, Sale("EXP-DAY", customerId, list.Items[0].ProductId, 2, 2.5m, shownDay));
        var service = s.Database.Get<ExperimentService>();

        var report = await service.ResultsAsync(await AWeekLaterAsync(s));

        var b = report.Variants.Single(v => v.Name == "B");
        Assert.Equal(1, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions);
        Assert.Equal(5.0, b.Metrics[ExperimentMetric.RevenuePerExposed].Value, 6);
    }

    /// <summary>
    /// A suggestion bought and sent back counted as a conversion and its money as revenue; a line the till sent without
    /// a price counted as 0, though the product has one.
    /// </summary>
    [Fact]
    public async Task ResultsAsync_ShownProductBoughtAndReturned_IsNoConversion_AnUnpricedLineIsValuedAtTheCatalogPrice()
    {
        await using var s = await RunningExperimentAsync();
        var returner = await CustomerInAsync(s, "B");
        var unpriced = await CustomerInAsync(s, "B", skip: 1);
        var service = s.Database.Get<RecommendationService>();
        var lists = new Dictionary<int, SuggestionList> { [returner] = await service.ForCustomerAsync(returner), [unpriced] = await service.ForCustomerAsync(unpriced) };
        foreach (var (customer, list) in lists)
        {
            await s.Database.Get<InteractionRecorder>().RecordShownAsync(customer, list, "lookup", null);
        }
        var kept = lists[unpriced].Items[0].ProductId;
        await using (var db = s.Database.CreateContext())
        {
            await db.Products.Where(p => p.Id == kept).ExecuteUpdateAsync(u => u.SetProperty(p => p.UnitPrice, 4m));
        }
        var soon = DateTime.Now.AddMinutes(1);
        await SellAsync(s,
            Sale("EXP-R1", returner, lists[returner].Items[0].ProductId, 2, 2.5m, soon),
            Sale("CEXP-R1", returner, lists[returner].Items[0].ProductId, -2, 2.5m, soon, cancellation: true),
            Sale("EXP-U1", unpriced, kept, 3, null, soon));
        var experiments = s.Database.Get<ExperimentService>();

        var report = await experiments.ResultsAsync(await AWeekLaterAsync(s));

        var b = report.Variants.Single(v => v.Name == "B");
        Assert.Equal(1, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions); // the one who kept it
        Assert.Equal(12.0 / b.Units, b.Metrics[ExperimentMetric.RevenuePerExposed].Value, 6);
    }

    /// <summary>
    /// Returns counted until the experiment's last customer's window ended: a purchase kept through its own 7-day
    /// window was undone by a return two weeks later, because another customer was shown suggestions after.
    /// </summary>
    [Fact]
    public async Task ResultsAsync_ReturnAfterTheCustomersOwnWindow_DoesNotUndoTheirConversion()
    {
        await using var s = await RunningExperimentAsync();
        var early = await CustomerInAsync(s, "B");
        var late = await CustomerInAsync(s, "B", skip: 1);
        var service = s.Database.Get<RecommendationService>();
        var earlyList = await service.ForCustomerAsync(early);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(early, earlyList, "lookup", null);
        await s.Database.Get<InteractionRecorder>().RecordShownAsync(late, await service.ForCustomerAsync(late), "lookup", null);
        var now = DateTime.UtcNow;
        await using (var db = s.Database.CreateContext())
        {
            foreach (var exposure in await db.ExperimentExposures.Where(e => e.ExperimentId == s.Experiment.Id).ToListAsync())
            {
                exposure.OccurredAt = exposure.CustomerId == early ? now.AddDays(-20) : now.AddDays(-10);
            }
            await db.SaveChangesAsync();
        }
        var shown = Core.Analytics.ShownThenBought.OnSaleClock(now.AddDays(-20), TimeZoneInfo.Local);
        await SellAsync(s,
            Sale("EXP-E1", early, earlyList.Items[0].ProductId, 1, 2.5m, shown.AddMinutes(1)),
            Sale("CEXP-E1", early, earlyList.Items[0].ProductId, -1, 2.5m, shown.AddDays(15), cancellation: true));
        var experiments = s.Database.Get<ExperimentService>();

        var report = await experiments.ResultsAsync((await experiments.GetAsync(s.Experiment.Id))!);

        var b = report.Variants.Single(v => v.Name == "B");
        Assert.Equal((2L, 1L), (b.Units, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions));
    }

    /// <summary>
    /// The variants show 10 and 5 products: counting only shown products favours the longer list, so "bought anything"
    /// and "spend" count every purchase in the window (kept, not sent back), shown or not.
    /// </summary>
    [Fact]
    public async Task ResultsAsync_PurchasesOfProductsNotShown_CountForBoughtAnythingAndSpendOnly()
    {
        await using var s = await RunningExperimentAsync();
        var other = await CustomerInAsync(s, "B");
        var both = await CustomerInAsync(s, "B", skip: 1);
        var service = s.Database.Get<RecommendationService>();
        var lists = new Dictionary<int, SuggestionList> { [other] = await service.ForCustomerAsync(other), [both] = await service.ForCustomerAsync(both) };
        foreach (var (customer, list) in lists)
        {
            await s.Database.Get<InteractionRecorder>().RecordShownAsync(customer, list, "lookup", null);
        }
        int notShown, alsoNotShown;
        await using (var db = s.Database.CreateContext())
        {
            var shown = lists.Values.SelectMany(l => l.Items).Select(i => i.ProductId).ToHashSet();
            var ids = await db.Products.Where(p => !p.IsNonMerchandise).OrderBy(p => p.Id).Select(p => p.Id).Take(50).ToListAsync();
            (notShown, alsoNotShown) = (ids.First(id => !shown.Contains(id)), ids.Where(id => !shown.Contains(id)).Skip(1).First());
        }
        var soon = DateTime.Now.AddMinutes(1);
        await SellAsync(s,
            Sale("EXP-N1", other, notShown, 2, 5m, soon),                               // 10.00, not shown
            Sale("EXP-N2", both, lists[both].Items[0].ProductId, 3, 2.5m, soon),        //  7.50, shown
            Sale("EXP-N3", both, alsoNotShown, 1, 4m, soon),                            //  4.00, not shown, sent back
            Sale("CEXP-N3", both, alsoNotShown, -1, 4m, soon.AddMinutes(5), cancellation: true),
            Sale("EXP-LATE", other, notShown, 1, 5m, soon.AddDays(8)));                 // after the 7 days
        var experiments = s.Database.Get<ExperimentService>();

        var report = await experiments.ResultsAsync(await AWeekLaterAsync(s));

        var b = report.Variants.Single(v => v.Name == "B");
        Assert.Equal(2, b.Units);
        Assert.Equal(1, b.Metrics[ExperimentMetric.PurchaseWithinDays].Conversions);
        Assert.Equal(7.5 / 2, b.Metrics[ExperimentMetric.RevenuePerExposed].Value, 6);
        Assert.Equal(2, b.Metrics[ExperimentMetric.AnyPurchaseWithinDays].Conversions);
        Assert.Equal((10 + 7.5) / 2, b.Metrics[ExperimentMetric.SpendPerExposed].Value, 6);
    }

    [Fact]
    public async Task StartAsync_SecondCustomerExperimentWhileOneRuns_IsRefused_AndAnAATestNeedsIdenticalVariants()
    {
        await using var s = await RunningExperimentAsync();
        var service = s.Database.Get<ExperimentService>();
        var second = await service.CreateAsync(new ExperimentDraft("A/A", "Nothing changes.", ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("A'", null, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, true), Manager);

        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StartAsync(second.Id, Manager));
        Assert.Contains("Another experiment", refused.Message);
        await Assert.ThrowsAsync<ExperimentException>(() => service.CreateAsync(new ExperimentDraft("A/A", "x", ExperimentUnit.Customer,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", s.Challenger.Id, SuggestionMode.Discovery, 10, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, true), Manager));
    }

    /// <summary>
    /// A store experiment keeps a customer in the arm of the store they were first shown it under: one sale at a store
    /// of the other arm moved them there before 2026-12-06, while the results kept filing them under the first.
    /// </summary>
    [Fact]
    public async Task RouteAsync_StoreExperimentCustomerWhoShopsAtAnotherArmsStore_StaysInTheirFirstArm()
    {
        var database = await TestDatabase.CreateAsync();
        await using var _ = database;
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await database.Get<ModelTrainingService>().TrainAsync(
            new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test"));
        var service = database.Get<ExperimentService>();
        var experiment = await service.CreateAsync(new ExperimentDraft("Stores", "Shorter lists are read.", ExperimentUnit.Store,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), Manager);
        await service.StartAsync(experiment.Id, Manager);
        var variants = ExperimentJson.VariantsOf((await service.GetAsync(experiment.Id))!);
        int customerId, productId;
        List<Store> stores;
        await using (var db = database.CreateContext())
        {
            stores = Enumerable.Range(1, 12).Select(i => new Store { Code = $"S{i}", Name = $"Store {i}" }).ToList();
            db.Stores.AddRange(stores);
            await db.SaveChangesAsync();
            customerId = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync();
            productId = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        }
        string ArmOf(Store store) => ExperimentAssignment.Assign(store.Id.ToString(CultureInfo.InvariantCulture), experiment.Id, variants).Name;
        var home = stores.First(st => ArmOf(st) == "A");
        var elsewhere = stores.First(st => ArmOf(st) == "B");
        async Task BuyAtAsync(Store store, string invoice, DateTime at)
        {
            var sale = Sale(invoice, customerId, productId, 1, 2.50m, at);
            sale.StoreId = store.Id;
            await using var db = database.CreateContext();
            db.Orders.Add(sale);
            await db.SaveChangesAsync();
        }
        var router = database.Get<ExperimentRouter>();

        await BuyAtAsync(home, "ST-1", DateTime.Now.AddDays(-2));
        var first = await database.Get<RecommendationService>().ForCustomerAsync(customerId);
        Assert.Equal("A", first.Experiment!.Variant);
        await database.Get<InteractionRecorder>().RecordShownAsync(customerId, first, "lookup", null);
        await BuyAtAsync(elsewhere, "ST-2", DateTime.Now.AddDays(-1));

        var route = await router.RouteAsync(customerId);

        Assert.Equal(("A", home.Id.ToString(CultureInfo.InvariantCulture)), (route!.Variant.Name, route.UnitKey));
    }

    /// <summary>A store experiment beside a customer one got no traffic (customers are routed to the customer one first).</summary>
    [Fact]
    public async Task StartAsync_StoreExperimentWhileACustomerExperimentRuns_IsRefused()
    {
        await using var s = await RunningExperimentAsync();
        var service = s.Database.Get<ExperimentService>();
        var byStore = await service.CreateAsync(new ExperimentDraft("Stores", "Stores differ.", ExperimentUnit.Store,
            [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 5, 1)],
            ExperimentMetric.AcceptanceRate, [], 7, 14, null, false), Manager);

        var refused = await Assert.ThrowsAsync<ExperimentException>(() => service.StartAsync(byStore.Id, Manager));

        Assert.Equal("Another experiment is running: stop it first, so nobody is in two at once.", refused.Message);
        Assert.Equal(ExperimentStatus.Draft, (await service.GetAsync(byStore.Id))!.Status);
    }
}

/// <summary>The CLI's simulation on the demo data: everyone assigned, the split respected, the same code path as the page.</summary>
public class ExperimentSimulationTests
{
    [Fact]
    public async Task Run_HeldOutCustomers_AreSplitByTheHash_AndAnAASimulationFindsNoDifference()
    {
        var all = await DemoSales.LoadAsync();
        var split = RetailRecs.Core.Recommendations.Scoring.HoldoutSplit.Create(all, new RetailRecs.Core.Recommendations.Scoring.EvaluationOptions());
        var trained = BundleTrainer.Train(split.Train, [AlgorithmNames.Popularity, AlgorithmNames.ItemKnn], new TrainingParameters());
        var popularity = trained.Single(t => t.Algorithm == AlgorithmNames.Popularity).Bundle!;
        var itemKnn = trained.Single(t => t.Algorithm == AlgorithmNames.ItemKnn).Bundle!;

        var ab = ExperimentSimulation.Run(split, ("item-knn", itemKnn), ("popularity", popularity), 10);
        var aa = ExperimentSimulation.Run(split, ("popularity", popularity), ("popularity", popularity), 10);

        var customers = split.CustomersFor(RetailRecs.Core.Recommendations.Scoring.EvaluationTrack.Repeat);
        Assert.Equal(customers.Count, ab.Outcomes.Count);
        Assert.Equal(ab.Outcomes.Select(o => o.Variant[..1]), aa.Outcomes.Select(o => o.Variant[..1]));
        Assert.False(ab.Report.SampleRatio.Mismatch);
        Assert.All(ab.Outcomes.Where(o => o.Revenue > 0), o => Assert.True(o.Purchased));
        var aaTest = aa.Report.Variants[1].Metrics[ExperimentMetric.PurchaseWithinDays].VersusControl!;
        Assert.True(aaTest.PValue > 0.05, $"A/A p = {aaTest.PValue}");
        Assert.Null(aa.Report.Verdict.Winner);
    }
}
