using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>Training, storing, promoting and serving on the real demo slice, end to end through SQLite.</summary>
public class TrainingAndServingTests(TrainedDemoDatabase trained) : IClassFixture<TrainedDemoDatabase>
{
    private RecommendationService Service => trained.Database.Get<RecommendationService>();
    private ModelRegistry Registry => trained.Database.Get<ModelRegistry>();

    private async Task<(int Id, int Bought)> RegularCustomerAsync()
    {
        await using var db = trained.Database.CreateContext();
        var top = await db.Orders.Where(o => o.CustomerId != null && !o.IsCancellation)
            .GroupBy(o => o.CustomerId).Select(g => new { Id = g.Key!.Value, Orders = g.Count() })
            .OrderByDescending(g => g.Orders).ThenBy(g => g.Id).FirstAsync();
        return (top.Id, top.Orders);
    }

    [Fact]
    public async Task TrainAsync_EveryAlgorithm_TrainsAndTheHybridBecomesTheFirstChampion()
    {
        Assert.All(trained.Runs, r => Assert.True(r.Status == ModelRunStatus.Succeeded, $"{r.Algorithm}: {r.Error}"));
        await using var db = trained.Database.CreateContext();
        var champion = await db.ModelRuns.SingleAsync(r => r.IsChampion);
        Assert.Equal(AlgorithmNames.Hybrid, champion.Algorithm);
        Assert.All(trained.Runs, r => Assert.True(r.ArtifactBytes > 0));
        Assert.Equal(trained.Runs.Count, await db.ModelRunArtifacts.CountAsync());
        // The part the job's runs share is stored once; each run keeps its own bytes and is as long as recorded with it.
        var part = await db.ModelArtifactParts.SingleAsync();
        foreach (var run in trained.Runs)
        {
            var own = await db.ModelRunArtifacts.SingleAsync(a => a.ModelRunId == run.Id);
            Assert.Equal(part.Id, own.SharedPartId);
            Assert.True(own.Data.LongLength < part.Data.LongLength, $"{run.Algorithm}: {own.Data.LongLength} bytes of its own");
            Assert.Equal(run.ArtifactBytes, own.Data.LongLength + part.Data.LongLength);
            Assert.Equal(run.Algorithm, ModelArtifact.Read(StoredArtifact.Open(own.Data, part.Data, own.SharedPartAt)).Algorithm);
        }
        Assert.Contains(await db.AuditEntries.ToListAsync(), a => a.Action == ModelRegistry.PromotedAction && a.EntityId == champion.Id.ToString());
    }

    [Fact]
    public async Task TrainAsync_AutomaticCategories_SplitTheCatchAllClusterSoNoneHoldsAQuarterOfTheCatalog()
    {
        await using var db = trained.Database.CreateContext();
        var sizes = await db.Products.Where(p => p.AutoCategory != null).GroupBy(p => p.AutoCategory).Select(g => g.Count()).ToListAsync();

        // One K-means pass over the demo catalog put 1,209 of its 3,143 products into one category.
        Assert.True(sizes.Max() < 0.25 * sizes.Sum(), $"largest category: {sizes.Max()} of {sizes.Sum()}");
        Assert.True(sizes.Count > 40);
    }

    [Fact]
    public async Task ForCustomerAsync_RegularCustomer_GetsTenNewProductsEachWithAReason()
    {
        var (customer, _) = await RegularCustomerAsync();

        var list = await Service.ForCustomerAsync(customer);

        Assert.True(list.Personalised);
        Assert.Equal(10, list.Items.Count);
        Assert.Equal(10, list.Items.Select(s => s.ProductId).Distinct().Count());
        Assert.All(list.Items, s => Assert.False(string.IsNullOrWhiteSpace(s.Reason)));
        await using var db = trained.Database.CreateContext();
        var bought = await db.OrderLines.Where(l => l.Order!.CustomerId == customer).Select(l => l.ProductId).Distinct().ToListAsync();
        Assert.DoesNotContain(list.Items, s => bought.Contains(s.ProductId));
        var ids = list.Items.Select(s => s.ProductId).ToList();
        Assert.False(await db.Products.AnyAsync(p => ids.Contains(p.Id) && (p.IsNonMerchandise || !p.IsActive)));
    }

    [Fact]
    public async Task Recommend_BoughtTogetherReason_NamesAProductTheCustomerReallyBoughtAndTheRealShare()
    {
        var (customer, _) = await RegularCustomerAsync();
        var bundle = (await Registry.GetChampionAsync())!.Bundle;
        var history = bundle.HistoryOf(bundle.CustomerOf(customer));
        var candidates = bundle.ItemKnn.Recommend(new RecommendationQuery(history, [], bundle.LastDay, NewItemsOnly: true), 5);

        var top = candidates[0];
        Assert.Equal(EvidenceKind.BoughtTogether, top.Evidence.Kind);
        Assert.Contains(history, h => h.Item == top.Evidence.Anchor);
        // Recount the share straight from the database's baskets.
        var anchor = bundle.Items[top.Evidence.Anchor].ProductId;
        var item = bundle.Items[top.Item].ProductId;
        await using var db = trained.Database.CreateContext();
        var anchorOrders = await db.OrderLines.Where(l => l.ProductId == anchor && !l.Order!.IsCancellation && l.Quantity > 0)
            .Select(l => l.OrderId).Distinct().ToListAsync();
        var both = await db.OrderLines.Where(l => l.ProductId == item && anchorOrders.Contains(l.OrderId)).Select(l => l.OrderId).Distinct().CountAsync();
        Assert.Equal(both, top.Evidence.Count);
        Assert.Equal((float)both / anchorOrders.Count, top.Evidence.Share, 4);
    }

    [Fact]
    public async Task ForCustomerAsync_ReplenishmentMode_MaySuggestWhatTheyBoughtAndSaysSo()
    {
        var (customer, _) = await RegularCustomerAsync();

        var list = await Service.ForCustomerAsync(customer, SuggestionMode.Replenishment, 20);

        Assert.Contains(list.Items, s => s.BoughtBefore && s.Reason.Contains("they bought it"));
    }

    [Fact]
    public async Task ForCustomerAsync_OptedOutCustomer_GetsBestSellersOnly()
    {
        var (customer, _) = await RegularCustomerAsync();
        await SetOptOutAsync(customer, true);
        try
        {
            var list = await Service.ForCustomerAsync(customer);

            Assert.False(list.Personalised);
            Assert.All(list.Items, s => Assert.Equal(EvidenceKind.BestSeller, s.Evidence));
            Assert.Contains("opted out", list.Notice);
        }
        finally
        {
            await SetOptOutAsync(customer, false);
        }
    }

    [Fact]
    public async Task ForCustomerAsync_ProductWithdrawnAfterTrainingOrDismissedByTheCustomer_IsNotShown()
    {
        var (customer, _) = await RegularCustomerAsync();
        var before = await Service.ForCustomerAsync(customer);
        var withdrawn = before.Items[0].ProductId;
        var dismissed = before.Items[1].ProductId;
        await using var db = trained.Database.CreateContext();
        await db.Products.Where(p => p.Id == withdrawn).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false));
        db.InteractionEvents.Add(new InteractionEvent { CustomerId = customer, ProductId = dismissed, Type = InteractionType.Dismissed, Source = "test" });
        await db.SaveChangesAsync();
        try
        {
            var after = await Service.ForCustomerAsync(customer);

            Assert.Equal(10, after.Items.Count);
            Assert.DoesNotContain(after.Items, s => s.ProductId == withdrawn || s.ProductId == dismissed);
            Assert.Contains(after.Items, s => s.ProductId == before.Items[2].ProductId);
        }
        finally
        {
            await db.Products.Where(p => p.Id == withdrawn).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, true));
            await db.InteractionEvents.Where(e => e.Source == "test").ExecuteDeleteAsync();
        }
    }

    /// <summary>
    /// An end of season: the 25 best sellers withdrawn after the training. The list looks further down the ranking for
    /// ten it may show; before 2026-12-06 it stopped at the first window and gave five.
    /// </summary>
    [Fact]
    public async Task PopularAsync_TopTwentyFiveWithdrawnAfterTraining_StillGivesTenOthers()
    {
        var top = (await Service.PopularAsync(count: 25)).Items.Select(s => s.ProductId).ToList();
        Assert.Equal(25, top.Count);
        await using var db = trained.Database.CreateContext();
        await db.Products.Where(p => top.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, false));
        try
        {
            var after = await Service.PopularAsync(count: 10);

            Assert.Equal(10, after.Items.Count);
            Assert.DoesNotContain(after.Items, s => top.Contains(s.ProductId));
        }
        finally
        {
            await db.Products.Where(p => top.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsActive, true));
        }
    }

    /// <summary>A product renamed since the training (an import, the API): the reasons quote its name now, not the model's.</summary>
    [Fact]
    public async Task BoughtTogetherAsync_ProductRenamedAfterTraining_ReasonsQuoteItsNewName()
    {
        var anchor = (await Service.PopularAsync(count: 1)).Items.Single().ProductId;
        await using var db = trained.Database.CreateContext();
        var oldName = await db.Products.Where(p => p.Id == anchor).Select(p => p.Name).SingleAsync();
        await db.Products.Where(p => p.Id == anchor).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, "RENAMED TEST LANTERN"));
        try
        {
            var together = await Service.BoughtTogetherAsync([anchor]);

            var quoting = together.Items.Where(i => i.Evidence == EvidenceKind.BoughtTogether).ToList();
            Assert.NotEmpty(quoting);
            Assert.All(quoting, i => Assert.Contains($"Often bought with {ReasonText.Name("RENAMED TEST LANTERN")}", i.Reason));
        }
        finally
        {
            await db.Products.Where(p => p.Id == anchor).ExecuteUpdateAsync(s => s.SetProperty(p => p.Name, oldName));
        }
    }

    /// <summary>
    /// A product returned in full leaves the customer's history at training, and was then suggested straight back
    /// ("often bought with" what they kept). The return here is stored after the training, as tomorrow's would be.
    /// </summary>
    [Fact]
    public async Task ForCustomerAsync_ProductTheCustomerReturnedInFull_IsNotSuggestedBack()
    {
        const SuggestionMode mode = SuggestionMode.Discovery;
        var (customer, _) = await RegularCustomerAsync();
        var before = await Service.ForCustomerAsync(customer, mode);
        var (returned, kept) = (before.Items[0].ProductId, before.Items[1].ProductId);
        await using var db = trained.Database.CreateContext();
        var day = new DateTime(2011, 12, 9, 10, 0, 0);
        db.Orders.AddRange(
            new Order { InvoiceNumber = "RET-1", CustomerId = customer, PlacedAt = day, PlacedOn = DateOnly.FromDateTime(day),
                Lines = [new OrderLine { LineNumber = 1, ProductId = returned, Quantity = 2, UnitPrice = 1m }, new OrderLine { LineNumber = 2, ProductId = kept, Quantity = 2, UnitPrice = 1m }] },
            new Order { InvoiceNumber = "CRET-1", CustomerId = customer, PlacedAt = day.AddHours(1), PlacedOn = DateOnly.FromDateTime(day), IsCancellation = true,
                Lines = [new OrderLine { LineNumber = 1, ProductId = returned, Quantity = -2, UnitPrice = 1m }, new OrderLine { LineNumber = 2, ProductId = kept, Quantity = -1, UnitPrice = 1m }] });
        await db.SaveChangesAsync();
        try
        {
            var after = await Service.ForCustomerAsync(customer, mode);

            Assert.DoesNotContain(after.Items, s => s.ProductId == returned);
            Assert.Contains(after.Items, s => s.ProductId == kept); // one of two returned: still theirs
        }
        finally
        {
            await db.Orders.Where(o => o.InvoiceNumber.EndsWith("RET-1")).ExecuteDeleteAsync();
        }
    }

    /// <summary>
    /// A product added since the training gets neighbours by its words: any product sharing one of them ("pink", "cup")
    /// was offered as "similar", which the rule for products in the model (SimilarNames) exists to stop.
    /// </summary>
    [Fact]
    public async Task SimilarAsync_ProductAddedSinceTraining_OnlyWhatAPersonWouldCallSimilar()
    {
        await using var db = trained.Database.CreateContext();
        var product = new Product { Sku = "NEW-CUP-1", Name = "PINK SPOTTY TEA CUP" };
        db.Products.Add(product);
        await db.SaveChangesAsync();
        try
        {
            var similar = await Service.SimilarAsync(product.Id);

            var anchor = new CatalogItem(product.Id, "", product.Name, null, null, null, null, true, 0);
            var items = (await Registry.GetChampionAsync())!.Bundle.Items;
            Assert.NotEmpty(similar.Items);
            Assert.All(similar.Items, s => Assert.True(SimilarNames.PersonWouldAgree(items.Single(i => i.ProductId == s.ProductId), anchor), s.Name));
        }
        finally
        {
            await db.Products.Where(p => p.Id == product.Id).ExecuteDeleteAsync();
        }
    }

    [Fact]
    public async Task BoughtTogetherAndSimilarAsync_PopularProduct_ListOtherProductsWithTheirReasons()
    {
        await using var db = trained.Database.CreateContext();
        var popular = await db.OrderLines.GroupBy(l => l.ProductId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();

        var together = await Service.BoughtTogetherAsync([popular]);
        var similar = await Service.SimilarAsync(popular);

        Assert.Equal(10, together.Items.Count);
        Assert.All(together.Items, s => Assert.StartsWith("Often bought with", s.Reason));
        Assert.DoesNotContain(together.Items, s => s.ProductId == popular);
        Assert.NotEmpty(similar.Items);
        Assert.All(similar.Items, s => Assert.StartsWith("Similar to", s.Reason));
    }

    [Fact]
    public async Task ForCustomerAsync_UnknownCustomer_IsAClearError()
    {
        var e = await Assert.ThrowsAsync<UnknownCustomerException>(() => Service.ForCustomerAsync(987_654));
        Assert.Equal("There is no customer 987654.", e.Message);
    }

    [Fact]
    public async Task TrainAsync_RunFails_KeepsTheChampionServing()
    {
        var championBefore = (await Registry.GetChampionAsync())!.RunId;
        var (customer, _) = await RegularCustomerAsync();

        var runs = await trained.Database.Get<ModelTrainingService>().TrainAsync(new TrainingRequest(
            [AlgorithmNames.ItemKnn], new TrainingWindow(new DateOnly(2030, 1, 1)), new TrainingParameters(), "test"));

        var run = Assert.Single(runs);
        Assert.Equal(ModelRunStatus.Failed, run.Status);
        Assert.Contains("Not enough sales to learn from", run.Error);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Registry.PromoteAsync(run.Id, StaffActor.System));
        Assert.Equal(championBefore, (await Registry.GetChampionAsync())!.RunId);
        Assert.Equal(10, (await Service.ForCustomerAsync(customer)).Items.Count);
        await using var db = trained.Database.CreateContext();
        Assert.Equal(championBefore, await db.ModelRuns.Where(r => r.IsChampion).Select(r => r.Id).SingleAsync());
    }

    [Fact]
    public async Task ModelArtifact_StoredChampion_ServesWhatTheTrainedOneDid_AndItsTreesScoreAsMlNetDoes()
    {
        var (customer, _) = await RegularCustomerAsync();
        var loaded = (await Registry.GetChampionAsync())!.Bundle;
        var reloaded = ModelArtifact.Read(ModelArtifact.Write(loaded));
        var query = new RecommendationQuery(loaded.HistoryOf(loaded.CustomerOf(customer)), [], loaded.LastDay, loaded.CustomerOf(customer) ?? -1);

        Assert.Equal(loaded.Ranker.Recommend(query, 20), reloaded.Ranker.Recommend(query, 20));

        var hybrid = Assert.IsType<HybridModel>(loaded.Ranker);
        var candidates = hybrid.CandidatesFor(query);
        Assert.NotEmpty(candidates.Features);
        foreach (var features in candidates.Features.Take(25))
        {
            Assert.Equal(hybrid.ScoreWithMlNet(features), hybrid.ScoreCompiled(features), 4);
        }
    }

    [Fact]
    public async Task LoadRunAsync_StoredFactorizationMachine_ServesWhatTrainingLearned_ItsCopiedWeightsScoreAsMlNetDoes()
    {
        var run = trained.Runs.Single(r => r.Algorithm == AlgorithmNames.Factorization);
        var stored = await Registry.LoadRunAsync(run.Id);
        var (customer, _) = await RegularCustomerAsync();
        var c = stored.CustomerOf(customer)!.Value;
        var query = new RecommendationQuery(stored.HistoryOf(c), [], stored.LastDay, c, NewItemsOnly: true);

        var suggested = stored.Ranker.Recommend(query, 20);

        Assert.Equal(20, suggested.Count);
        Assert.All(suggested, s => Assert.True(stored.Items[s.Item].Recommendable));
        Assert.DoesNotContain(suggested, s => query.History.Any(h => h.Item == s.Item));
        Assert.All(suggested, s => Assert.Equal(EvidenceKind.LearnedTaste, s.Evidence.Kind));
        Assert.All(suggested.Where(s => s.Evidence.Anchor >= 0), s => Assert.Contains(query.History, h => h.Item == s.Evidence.Anchor));

        // Training again in this process gives the same model (same data, same seed) and keeps ML.NET's own.
        var data = await trained.Database.Get<TrainingDataLoader>().LoadAsync(TrainingWindow.All);
        var fresh = FactorizationModel.Train(data, new TrainingParameters());
        Assert.Equal(suggested, fresh.Recommend(query, 20));
        var random = new Random(5);
        var pairs = 0;
        while (pairs < 25)
        {
            var (someone, item, month) = (random.Next(data.CustomerCount), random.Next(data.ItemCount), random.Next(12));
            if (fresh.Knows(someone, item))
            {
                Assert.Equal(fresh.ResponseWithMlNet(someone, item, month), fresh.Response(someone, item, month), 1e-4f);
                pairs++;
            }
        }
    }

    private async Task SetOptOutAsync(int customer, bool optOut)
    {
        await using var db = trained.Database.CreateContext();
        await db.Customers.Where(c => c.Id == customer).ExecuteUpdateAsync(s => s.SetProperty(c => c.PersonalizationOptOut, optOut));
    }
}
