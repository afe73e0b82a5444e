using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class RfmAndNamingTests
{
    [Fact]
    public void Quintiles_RankedValues_Score1To5ByRank_EqualValuesShareAScore()
    {
        Assert.Equal([1, 2, 3, 4, 5], RfmScores.Quintiles([10, 20, 30, 40, 50]));
        Assert.Equal([1, 1, 2, 2, 3, 3, 4, 4, 5, 5], RfmScores.Quintiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]));
        // Six customers with one order: all score 1, not split across quintiles; the rest rank above them.
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], RfmScores.Quintiles([1, 1, 1, 1, 1, 1, 2, 3, 4, 5]));
    }

    [Fact]
    public void For_DaysSinceLastPurchase_ScoresRecency5ForTheMostRecentCustomers()
    {
        var customers = new[] { 300, 5, 100, 40, 1 }.Select((r, i) => SyntheticCustomers.Customer(i, recency: r)).ToList();

        var scores = RfmScores.For(customers);

        Assert.Equal([1, 4, 2, 3, 5], scores.Select(s => (int)s.R));
    }

    [Fact]
    public void For_EveryoneBoughtOnTheLastDay_ScoresRecency5AndNamesThemNewCustomers()
    {
        // A one-day export: every customer's last purchase is the data's last day.
        var customers = Enumerable.Range(0, 6).Select(i => SyntheticCustomers.Customer(i, recency: 0)).ToList();

        var scores = RfmScores.For(customers);

        Assert.All(scores, s => Assert.Equal((5, "New customers"), (s.R, s.Segment)));
    }

    [Fact]
    public void Quintiles_TopTiesScoreFive_GivesTheHighestValueFiveOthersByTheirFirstRank()
    {
        // Seven of ten share the best value: without the option they take the score of their first rank (3rd of 10).
        Assert.Equal([1, 2, 2, 2, 2, 2, 2, 2, 2, 1], RfmScores.Quintiles([1, 2, 9, 9, 9, 9, 9, 9, 9, 1]).Select(b => (int)b));
        Assert.Equal([1, 2, 5, 5, 5, 5, 5, 5, 5, 1], RfmScores.Quintiles([1, 2, 9, 9, 9, 9, 9, 9, 9, 1], topTiesScoreFive: true).Select(b => (int)b));
        // The lowest value keeps its first rank's score when everyone does not share it.
        Assert.Equal([1, 1, 1, 1, 1, 1, 4, 4, 5, 5], RfmScores.Quintiles([1, 1, 1, 1, 1, 1, 2, 3, 4, 5], topTiesScoreFive: true).Select(b => (int)b));
    }

    [Theory]
    [InlineData(5, 5, "Champions")]
    [InlineData(5, 1, "New customers")]
    [InlineData(4, 1, "Promising")]
    [InlineData(4, 2, "Potential loyalists")]
    [InlineData(3, 5, "Loyal customers")]
    [InlineData(3, 3, "Need attention")]
    [InlineData(3, 1, "About to sleep")]
    [InlineData(1, 5, "Can't lose them")]
    [InlineData(2, 3, "At risk")]
    [InlineData(1, 1, "Hibernating")]
    public void NameOf_RecencyAndFrequencyScores_IsTheRfmGridsName(int r, int f, string name) => Assert.Equal(name, RfmScores.NameOf(r, f));

    [Fact]
    public void NameOf_EveryCellOfTheGrid_IsOneOfTheListedNames()
    {
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                Assert.Contains(RfmScores.NameOf(r, f), RfmScores.Names);
            }
        }
    }

    [Fact]
    public void Name_SegmentsSharingAGridName_AreToldApartByTheirMostDistinctiveTrait()
    {
        double[] Behaviour(double monetary = 0, double basket = 0, double returns = 0, double tenure = 0) => [0, 0, monetary, basket, 0, returns, tenure];
        var segments = new[]
        {
            new SegmentNamer.Profile(1, 1, Behaviour(monetary: -0.9), null, 0),
            new SegmentNamer.Profile(1.4, 1, Behaviour(returns: 2.5), null, 0),
            new SegmentNamer.Profile(5, 5, Behaviour(monetary: 1.5), "Candles", 3),
            new SegmentNamer.Profile(4.6, 2, Behaviour(), null, 0),
        };

        var names = SegmentNamer.Name(segments);

        Assert.Equal(["Hibernating · low spend", "Hibernating · frequent returns", "Champions", "Potential loyalists"], names);
    }

    [Fact]
    public void Name_LookAlikeSegmentsWithNoDistinctiveTrait_AreNumbered()
    {
        double[] flat = [0, 0, 0, 0, 0, 0, 0];
        var names = SegmentNamer.Name([new(1, 1, flat, null, 0), new(2, 2, flat, null, 0)]);

        Assert.Equal(["Hibernating (1)", "Hibernating (2)"], names);
    }

    [Fact]
    public void Trait_CategoryBoughtFarMoreThanAverageAsTheStrongestTrait_NamesTheSegment()
    {
        var trait = SegmentNamer.Trait(new SegmentNamer.Profile(3, 3, [0, 0, 0.6, 0, 0, 0, 0], "Candles", 2.5));

        Assert.Equal("Candles fans", trait);
    }

    [Fact]
    public void Trait_AutomaticCategoryNamedByItsWords_ReadsAsAPhraseNotAsSlashes()
    {
        var trait = SegmentNamer.Trait(new SegmentNamer.Profile(1, 1, [0, 0, 0, 0, 0, 0, 0], "Heart / Small / Zinc", 2.5));

        Assert.Equal("keen on heart, small and zinc items", trait);
    }

    [Fact]
    public void Name_SegmentThatOnlyJustArrived_IsNewCustomersEvenWithoutTheTopRecencyScore()
    {
        double[] flat = [0, 0, 0, 0, 0, 0, 0];

        Assert.Equal(["New customers"], SegmentNamer.Name([new(4, 1, flat, null, 0, MedianTenureDays: 20)]));
        Assert.Equal(["Promising"], SegmentNamer.Name([new(4, 1, flat, null, 0, MedianTenureDays: 200)]));
    }
}
