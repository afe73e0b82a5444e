using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Recommendations;

/// <summary>The non-personalised lists: within a category, and within the customer's segment.</summary>
public class PopularListsTests
{
    private static async Task<TestDatabase> DemoWithBestSellersAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await database.Get<ModelTrainingService>().TrainAsync(new TrainingRequest([AlgorithmNames.Popularity], TrainingWindow.All, new TrainingParameters(), "test"));
        return database;
    }

    [Fact]
    public async Task PopularAsync_Category_HoldsOnlyThatCategoryMostBoughtFirst_NotCappedAtThree()
    {
        await using var database = await DemoWithBestSellersAsync();
        await using var db = database.CreateContext();
        var category = await db.Products.Where(p => p.AutoCategory != null).GroupBy(p => p.AutoCategory)
            .OrderByDescending(g => g.Count()).Select(g => g.Key!).FirstAsync();

        var list = await database.Get<RecommendationService>().PopularAsync(count: 8, category: category);

        Assert.Equal(8, list.Items.Count);
        Assert.All(list.Items, s => Assert.Equal(category, s.Category));
        Assert.Equal(list.Items.Select(s => s.Score).OrderDescending(), list.Items.Select(s => s.Score));
    }

    [Fact]
    public async Task ForCustomerAsync_CustomerTheModelHasNotSeen_GetsWhatTheirSegmentBuysMostWithThatReason()
    {
        await using var database = await DemoWithBestSellersAsync();
        // A customer whose first purchase came after the model was trained, then a segmentation that includes them.
        int customerId;
        await using (var db = database.CreateContext())
        {
            var products = await db.Products.Where(p => !p.IsNonMerchandise).OrderBy(p => p.Id).Take(3).ToListAsync();
            var customer = new Customer { CustomerCode = "NEW-1" };
            var last = await db.Orders.MaxAsync(o => o.PlacedAt);
            var order = new Order { InvoiceNumber = "N1", Customer = customer, PlacedAt = last,
                Lines = products.Select((p, i) => new OrderLine { LineNumber = i + 1, Product = p, Quantity = 4, UnitPrice = 2m }).ToList() };
            order.RefreshTotals();
            db.Orders.Add(order);
            await db.SaveChangesAsync();
            customerId = customer.Id;
        }
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        var segment = await database.Get<SegmentQueries>().ForCustomerAsync(customerId);
        var segmentTop = await database.Get<SegmentPopularity>().ForSegmentAsync(segment!.SegmentId);

        var list = await database.Get<RecommendationService>().ForCustomerAsync(customerId, SuggestionMode.Replenishment);

        Assert.Equal(10, list.Items.Count);
        Assert.All(list.Items, s => Assert.Equal(EvidenceKind.PopularInSegment, s.Evidence));
        Assert.StartsWith("Popular pick with shoppers like them", list.Items[0].Reason);
        Assert.Contains("popular with customers like them", list.Notice);
        // In the segment's order (the diversity step may skip a near-duplicate, never reorder).
        var rank = segmentTop.Select((p, i) => (p.ProductId, i)).ToDictionary(x => x.ProductId, x => x.i);
        var ranks = list.Items.Select(s => rank[s.ProductId]).ToList();
        Assert.Equal(ranks.Order(), ranks);
    }

    [Fact]
    public async Task ForCustomerAsync_OptedOutSegmentMember_GetsOverallBestSellersNotTheirSegments()
    {
        await using var database = await DemoWithBestSellersAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        await using var db = database.CreateContext();
        var member = await db.CustomerSegments.OrderBy(c => c.CustomerId).Select(c => c.CustomerId).FirstAsync();
        await db.Customers.Where(c => c.Id == member).ExecuteUpdateAsync(u => u.SetProperty(c => c.PersonalizationOptOut, true));

        var list = await database.Get<RecommendationService>().ForCustomerAsync(member);

        Assert.All(list.Items, s => Assert.Equal(EvidenceKind.BestSeller, s.Evidence));
    }

    [Fact]
    public async Task NewArrivalsAsync_ProductAddedAfterTraining_IsListedWithTheRestByTheDayFirstSold()
    {
        await using var database = await DemoWithBestSellersAsync();
        await using var db = database.CreateContext();
        // The import dates a product first met in the sales by its first line there.
        var firstSales = await db.OrderLines
            .GroupBy(l => l.ProductId).Select(g => new { ProductId = g.Key, First = g.Min(l => l.Order!.PlacedAt) }).ToListAsync();
        var products = await db.Products.ToDictionaryAsync(p => p.Id);
        Assert.All(firstSales, f => Assert.Equal(f.First, products[f.ProductId].CreatedAt));

        var brandNew = new Product { Sku = "NEW-1", Name = "LINEN TEA TOWEL", UnitPrice = 4m, CreatedAt = DateTime.UtcNow };
        db.Products.Add(brandNew);
        await db.SaveChangesAsync();

        var list = await database.Get<RecommendationService>().NewArrivalsAsync(5);

        Assert.Equal(brandNew.Id, list.Items[0].ProductId);
        Assert.Equal(EvidenceKind.NewArrival, list.Items[0].Evidence);
        Assert.StartsWith("New in the catalog since", list.Items[0].Reason);
        var newestSold = firstSales.Where(f => !products[f.ProductId].IsNonMerchandise && products[f.ProductId].IsActive).MaxBy(f => f.First)!;
        Assert.Equal(newestSold.First.Date, products[list.Items[1].ProductId].CreatedAt.Date);
    }
}
