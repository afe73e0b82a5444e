using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Training;
using RetailRecs.Core.Segmentation;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Segmentation;

/// <summary>
/// A shop whose export has no prices (the committed member, date and item file): segments are made from what is known,
/// recency, frequency and basket size, and nothing is stored as money.
/// </summary>
public class SegmentationWithoutPricesTests
{
    private static async Task<TestDatabase> GrocerAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await database.Get<ImportService>().ImportAsync(new ImportRequest(ImportKind.Transactions, RepositoryPaths.MemberDateItemSample,
            "member_date_item_sample.csv.gz", "test", DryRun: false, Map: null));
        // Training gives the products automatic categories first, as on a new retailer's first day.
        await database.Get<ProductCategoriser>().CategoriseAsync();
        return database;
    }

    [Fact]
    public async Task RunAsync_NoPricesAfterCategorising_SucceedsOnRecencyFrequencyAndBasketSize()
    {
        await using var database = await GrocerAsync();

        var run = await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 4 }, "test");

        Assert.Equal(ModelRunStatus.Succeeded, run.Status);
        var overview = (await database.Get<SegmentQueries>().CurrentAsync())!;
        Assert.False(overview.SpendKnown);
        Assert.DoesNotContain(overview.Features, f => f.Contains("spend", StringComparison.OrdinalIgnoreCase) || f.Contains("value", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("Recency (log days)", overview.Features);
        Assert.Contains("Frequency (log orders)", overview.Features);
        Assert.All(overview.Segments, s =>
        {
            Assert.DoesNotContain("spend", s.Name, StringComparison.OrdinalIgnoreCase);
            Assert.All(s.Profile.Behaviour, b => Assert.True(double.IsFinite(b)));
            Assert.True(double.IsFinite(s.RevenueShare));
        });
        await using var db = database.CreateContext();
        Assert.Equal(442, await db.CustomerSegments.CountAsync(c => c.RunId == run.Id));
        // RFM on recency and frequency only: no customer gets a money score that was never measured.
        Assert.Equal(0, await db.CustomerSegments.CountAsync(c => c.RunId == run.Id && c.MonetaryScore != 0));
        var map = await db.CustomerSegments.Where(c => c.RunId == run.Id).Select(c => new { c.MapX, c.MapY }).ToListAsync();
        Assert.All(map, p => Assert.True(float.IsFinite(p.MapX) && float.IsFinite(p.MapY)));
        Assert.True(map.Select(p => p.MapX).Distinct().Count() > 100); // a real map, not every point put at the centre
    }

    [Fact]
    public async Task MembersAsync_NoPrices_ListsRecencyAndFrequencyScoresOnly()
    {
        await using var database = await GrocerAsync();
        await database.Get<SegmentationService>().RunAsync(new SegmentationOptions { FixedK = 3 }, "test");
        var queries = database.Get<SegmentQueries>();
        var segment = (await queries.CurrentAsync())!.Segments[0];

        var (members, _) = await queries.MembersAsync(segment.Id, 0, 10, RetailRecs.Core.Common.Audit.StaffActor.System);

        Assert.All(members, m => Assert.Matches("^[1-5]{2}$", m.Rfm));
        // Without money the most valuable are the most frequent.
        Assert.Equal(members.Select(m => m.Frequency).OrderDescending(), members.Select(m => m.Frequency));
    }
}
