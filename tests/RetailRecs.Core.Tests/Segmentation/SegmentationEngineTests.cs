using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class SegmentationEngineTests
{
    [Fact]
    public void Run_ThreeKnownGroups_RecoversThemChoosesK3AndNamesThemFromTheirProfile()
    {
        var (customers, truth) = SyntheticCustomers.Make(perGroup: 60);

        var result = SegmentationEngine.Run(SyntheticCustomers.Loaded(customers), new SegmentationOptions { MinK = 2, MaxK = 6 });

        Assert.Equal(3, result.K);
        // Every segment holds one group only (purity 1): the labels are a relabelling of the truth.
        foreach (var segment in Enumerable.Range(0, 3))
        {
            var groups = truth.Where((_, i) => result.Labels[i] == segment).Distinct().ToList();
            Assert.Single(groups);
        }
        var nameOf = Enumerable.Range(0, customers.Count).GroupBy(i => truth[i]).ToDictionary(g => g.Key, g => result.Segments[result.Labels[g.First()]].Name);
        Assert.Equal("Champions", nameOf[SyntheticCustomers.Group.Champion]);
        Assert.Equal("Hibernating", nameOf[SyntheticCustomers.Group.Hibernating]);
        Assert.Equal("New customers", nameOf[SyntheticCustomers.Group.Newcomer]);
        Assert.Equal(customers.Count, result.Segments.Sum(s => s.Size));
        Assert.Equal(1.0, result.Segments.Sum(s => s.RevenueShare), 6);
        Assert.Equal(5, result.Scores.Count);
        Assert.True(result.Scores.Single(s => s.K == 3).Silhouette > result.Scores.Where(s => s.K != 3).Max(s => s.Silhouette));
    }

    [Fact]
    public void Run_ManagerFixedK_IsUsedAndEveryOtherKIsStillScoredForTheChart()
    {
        var (customers, _) = SyntheticCustomers.Make(perGroup: 30);

        var result = SegmentationEngine.Run(SyntheticCustomers.Loaded(customers), new SegmentationOptions { MinK = 2, MaxK = 5, FixedK = 4 });

        Assert.Equal(4, result.K);
        Assert.Equal(4, result.Segments.Count);
        Assert.Equal([2, 3, 4, 5], result.Scores.Select(s => s.K));
        Assert.Equal(4, result.Segments.Select(s => s.Name).Distinct().Count());
    }

    [Fact]
    public void Run_UnevenGroups_NumbersSegmentsLargestFirst_MapHasAPointPerCustomer()
    {
        var (customers, _) = SyntheticCustomers.Make(perGroup: 30);
        customers.AddRange(SyntheticCustomers.Make(perGroup: 20, seed: 9).Customers.Take(20).Select(c => c with { CustomerId = c.CustomerId + 1000 }));

        var result = SegmentationEngine.Run(SyntheticCustomers.Loaded(customers), new SegmentationOptions { FixedK = 3 });

        Assert.Equal(result.Segments.Select(s => s.Size).OrderDescending(), result.Segments.Select(s => s.Size));
        Assert.Equal(customers.Count, result.Map.Length);
        Assert.All(result.Map, p => Assert.Equal(2, p.Length));
    }

    [Fact]
    public void Run_TooFewCustomers_GivesAClearMessageInsteadOfACrash()
    {
        var customers = Enumerable.Range(1, 7).Select(i => SyntheticCustomers.Customer(i, recency: i)).ToList();

        var e = Assert.Throws<SegmentationException>(() => SegmentationEngine.Run(SyntheticCustomers.Loaded(customers), new SegmentationOptions()));

        Assert.Contains("at least 20 customers", e.Message);
        Assert.Contains("there are 7", e.Message);
    }

    [Fact]
    public void Run_ImpossibleRangeOfK_IsRefusedInWords()
    {
        var (customers, _) = SyntheticCustomers.Make(perGroup: 10);

        var e = Assert.Throws<SegmentationException>(() =>
            SegmentationEngine.Run(SyntheticCustomers.Loaded(customers), new SegmentationOptions { MinK = 6, MaxK = 3 }));

        Assert.Contains("between 2 and 20", e.Message);
    }

    [Fact]
    public void Run_ExportWithoutPrices_StillSegmentsOnTheRestOfTheBehaviour()
    {
        // A grocery-style export: no prices, so spend, basket value and returns are all zero for everyone.
        var (customers, truth) = SyntheticCustomers.Make(perGroup: 40);
        var unpriced = customers.Select(c => c with { Monetary = 0, AverageBasketValue = 0, ReturnRate = 0 }).ToList();

        var result = SegmentationEngine.Run(SyntheticCustomers.Loaded(unpriced), new SegmentationOptions { FixedK = 3 });

        Assert.All(result.Map, p => Assert.True(float.IsFinite(p[0]) && float.IsFinite(p[1])));
        Assert.All(result.Scores, s => Assert.True(double.IsFinite(s.Silhouette)));
        foreach (var segment in Enumerable.Range(0, 3))
        {
            Assert.Single(truth.Where((_, i) => result.Labels[i] == segment).Distinct());
        }
    }

    [Fact]
    public void Run_ColumnsTheSameForEveryone_MapHasOnlyFiniteCoordinates()
    {
        // Spend claimed known but zero for all, and twelve categories nobody's spend falls in: columns without variance,
        // which ML.NET's PCA turned into NaN map coordinates (and the database refused the run).
        var (customers, _) = SyntheticCustomers.Make(perGroup: 40);
        var flat = customers.Select(c => c with { Monetary = 0, AverageBasketValue = 0, ReturnRate = 0 }).ToList();
        var categories = Enumerable.Range(1, 12).Select(i => $"Category {i}").ToArray();

        var result = SegmentationEngine.Run(SyntheticCustomers.Loaded(flat, categories), new SegmentationOptions { FixedK = 3 });

        Assert.All(result.Map, p => Assert.True(float.IsFinite(p[0]) && float.IsFinite(p[1])));
    }
}
