using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Engine;

public class TopKTests
{
    [Theory]
    [InlineData(2_000, 10)]
    [InlineData(2_000, 50)]
    [InlineData(30, 10)]
    public void Of_ManyCandidatesWithTiedScores_SameAsSortingThemAll(int count, int k)
    {
        var random = new Random(3);
        // Few distinct scores, so most candidates tie with others and the item index decides.
        var candidates = Enumerable.Range(0, count).Select(i => new Candidate(i, random.Next(20) / 4f, default)).OrderBy(_ => random.Next()).ToList();
        var expected = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Item).Take(k).ToList();

        var top = TopK.Of([.. candidates], k);

        Assert.Equal(expected, top);
    }
}
