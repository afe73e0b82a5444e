using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Persistence;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>Reasons worth saying on the real demo slice, with the champion the training job chose (the hybrid).</summary>
public class ReasonRulesTests(TrainedDemoDatabase trained) : IClassFixture<TrainedDemoDatabase>
{
    private RecommendationService Service => trained.Database.Get<RecommendationService>();

    private async Task<ModelBundle> ChampionAsync() => (await trained.Database.Get<ModelRegistry>().GetChampionAsync())!.Bundle;

    [Fact]
    public async Task ListFor_DemoSliceChampion_FewPopularPicksEveryReasonWorthSayingAndNoListShorter()
    {
        var report = ReasonReport.Of(await ChampionAsync(), customers: 150);

        // Before: 52% of the lists held more than 3 popular picks (up to 9), and 13% of all reasons were below the thresholds.
        Assert.Equal(150, report.Customers);
        Assert.Equal(1500, report.Lines);
        Assert.Equal(0, report.ListsOverPopularCap);
        Assert.Equal(0, report.Weak);
        Assert.True(report.PopularPicks <= 3 * 150);
    }

    [Fact]
    public async Task ForCustomerAsync_CustomersOfTheDemoSlice_TenSuggestionsAtMostThreePopularPicksLabelledSo()
    {
        await using var db = trained.Database.CreateContext();
        var customers = await db.Orders.Where(o => o.CustomerId != null).Select(o => o.CustomerId!.Value).Distinct().OrderBy(id => id).Take(40).ToListAsync();

        foreach (var customer in customers)
        {
            var list = await Service.ForCustomerAsync(customer);

            Assert.Equal(10, list.Items.Count);
            var picks = list.Items.Where(s => WorthSaying.IsPopularPick(s.Evidence)).ToList();
            Assert.True(picks.Count <= 3, $"customer {customer}: {string.Join(" | ", picks.Select(p => p.Reason))}");
            Assert.All(picks, s => Assert.StartsWith(ReasonText.PopularPick, s.Reason));
            Assert.DoesNotContain(list.Items, s => s.Reason.StartsWith("Trending", StringComparison.Ordinal) || s.Reason.Contains("whose purchases"));
        }
    }

    [Fact]
    public async Task BoughtTogetherAsync_BestSellersOfTheDemoSlice_EveryShareQuotedIsAtLeastTheThreshold()
    {
        await using var db = trained.Database.CreateContext();
        var products = await db.OrderLines.GroupBy(l => l.ProductId).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(60).ToListAsync();
        var bundle = await ChampionAsync();
        var said = 0;

        foreach (var product in products)
        {
            var list = await Service.BoughtTogetherAsync([product]);
            foreach (var s in list.Items)
            {
                var item = bundle.ItemOf(s.ProductId)!.Value;
                if (s.Evidence == EvidenceKind.BoughtTogether)
                {
                    var share = int.Parse(s.Reason[(s.Reason.LastIndexOf("(in ", StringComparison.Ordinal) + 4)..s.Reason.IndexOf('%')]);
                    Assert.True(share >= 100 * WorthSaying.MinTogetherShare, s.Reason);
                }
                else
                {
                    // Text neighbours fill in only when a person would call them similar.
                    Assert.Equal(EvidenceKind.SimilarItem, s.Evidence);
                    Assert.True(SimilarNames.PersonWouldAgree(bundle.Items[item], bundle.Items[bundle.ItemOf(product)!.Value]), s.Reason);
                }
                said++;
            }
        }
        Assert.True(said > 300, $"{said} suggestions for {products.Count} products");
    }

    [Fact]
    public async Task SimilarAsync_BestSellersOfTheDemoSlice_OnlyProductsAPersonWouldCallSimilar()
    {
        await using var db = trained.Database.CreateContext();
        var products = await db.OrderLines.GroupBy(l => l.ProductId).OrderByDescending(g => g.Count()).Select(g => g.Key).Take(60).ToListAsync();
        var bundle = await ChampionAsync();

        foreach (var product in products)
        {
            var list = await Service.SimilarAsync(product);
            var anchor = bundle.Items[bundle.ItemOf(product)!.Value];
            Assert.All(list.Items, s => Assert.True(SimilarNames.PersonWouldAgree(bundle.Items[bundle.ItemOf(s.ProductId)!.Value], anchor),
                $"{s.Name} {s.Reason}"));
        }
    }
}
