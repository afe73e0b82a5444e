using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Catalog;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>
/// A product marked sensitive, on the demo slice with a user-knn champion (it suggests from other customers' baskets):
/// gone from another customer's list, from "bought together" and from the best sellers; still suggested to a customer
/// who bought it (their own history: the replenishment list, which the show-to-customer view shows as it is).
/// </summary>
public class SensitiveProductsTests
{
    private static readonly StaffActor Admin = new("admin-id", "admin@retailrecs.example");

    [Fact]
    public async Task SetAsync_ProductSuggestedFromOthersBehaviour_DisappearsForOthersAndFromBoughtTogether_StaysForItsBuyer()
    {
        await using var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await database.Get<ModelTrainingService>().TrainAsync(new TrainingRequest([AlgorithmNames.UserKnn], TrainingWindow.All, new TrainingParameters(), "test"));
        var recs = database.Get<RecommendationService>();

        // A product that "bought together" suggests for a best seller, that another customer is suggested, and that a
        // customer who bought it gets in their replenishment list: found on the real data, not made up.
        var (product, anchor, other, buyer) = await FindAsync(database, recs);

        Assert.True(await database.Get<ProductSensitivity>().SetAsync(product, true, Admin));

        Assert.DoesNotContain(product, (await recs.ForCustomerAsync(other)).Items.Select(s => s.ProductId));
        Assert.DoesNotContain(product, (await recs.BoughtTogetherAsync([anchor])).Items.Select(s => s.ProductId));
        Assert.DoesNotContain(product, (await recs.PopularAsync(count: 50)).Items.Select(s => s.ProductId));
        Assert.DoesNotContain(product, (await recs.PopularAsync(trending: true, count: 50)).Items.Select(s => s.ProductId));
        Assert.DoesNotContain(product, (await recs.SimilarAsync(anchor, 50)).Items.Select(s => s.ProductId));
        Assert.Contains(product, (await recs.ForCustomerAsync(buyer, SuggestionMode.Replenishment)).Items.Select(s => s.ProductId));
        await using var db = database.CreateContext();
        var audit = await db.AuditEntries.SingleAsync(a => a.Action == ProductSensitivity.ChangedAction);
        Assert.Equal((nameof(Product), product.ToString(), "marked sensitive", Admin.UserName), (audit.EntityType, audit.EntityId, audit.Details, audit.UserName));

        // Marked again: nothing changes, nothing more is audited; unmarked: back for the other customer.
        Assert.True(await database.Get<ProductSensitivity>().SetAsync(product, true, Admin));
        Assert.Equal(1, await db.AuditEntries.CountAsync(a => a.Action == ProductSensitivity.ChangedAction));
        Assert.True(await database.Get<ProductSensitivity>().SetAsync(product, false, Admin));
        Assert.Contains(product, (await recs.ForCustomerAsync(other)).Items.Select(s => s.ProductId));
        Assert.Equal(2, await db.AuditEntries.CountAsync(a => a.Action == ProductSensitivity.ChangedAction));
    }

    [Fact]
    public async Task SetAsync_UnknownProduct_ReturnsFalseAndAuditsNothing()
    {
        await using var database = await TestDatabase.CreateAsync();

        Assert.False(await database.Get<ProductSensitivity>().SetAsync(424242, true, Admin));

        await using var db = database.CreateContext();
        Assert.Equal(0, await db.AuditEntries.CountAsync());
    }

    private static async Task<(int Product, int Anchor, int Other, int Buyer)> FindAsync(TestDatabase database, RecommendationService recs)
    {
        await using var db = database.CreateContext();
        var customers = await db.Customers.Where(c => !c.PersonalizationOptOut).OrderBy(c => c.Id).Select(c => c.Id).Take(300).ToListAsync();
        var lists = new Dictionary<int, HashSet<int>>();
        foreach (var c in customers)
        {
            lists[c] = (await recs.ForCustomerAsync(c)).Items.Select(s => s.ProductId).ToHashSet();
        }
        foreach (var anchor in (await recs.PopularAsync(count: 20)).Items.Select(s => s.ProductId))
        {
            foreach (var product in (await recs.BoughtTogetherAsync([anchor], 5)).Items.Select(s => s.ProductId))
            {
                var other = customers.FirstOrDefault(c => lists[c].Contains(product));
                if (other == 0 || (await recs.PopularAsync(count: 50)).Items.Any(s => s.ProductId == product))
                {
                    continue; // also a best seller: the buyer's list might hold it as a best seller, not from their own purchase
                }
                var buyers = await db.OrderLines.Where(l => l.ProductId == product && l.Order!.CustomerId != null && !l.Order.IsCancellation)
                    .Select(l => l.Order!.CustomerId!.Value).Distinct().OrderBy(id => id).Take(100).ToListAsync();
                foreach (var buyer in buyers)
                {
                    if ((await recs.ForCustomerAsync(buyer, SuggestionMode.Replenishment)).Items.Any(s => s.ProductId == product))
                    {
                        return (product, anchor, other, buyer);
                    }
                }
            }
        }
        throw new InvalidOperationException("The demo data has no product suggested to another customer, bought together with a best seller and re-suggested to its buyer.");
    }
}
