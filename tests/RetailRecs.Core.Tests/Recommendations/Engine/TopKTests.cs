using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Engine;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
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

    [Theory]
    [InlineData(2_000, 10)]
    [InlineData(30, 10)]
    [InlineData(30, 50)]
    [InlineData(30, 0)]
    public void CopyOf_ScratchListOfCandidates_SameAsOf_InANewList(int count, int k)
    {
        var random = new Random(7);
        var candidates = Enumerable.Range(0, count).Select(i => new Candidate(i, random.Next(20) / 4f, default)).OrderBy(_ => random.Next()).ToList();
        var expected = TopK.Of([.. candidates], k);

        var top = TopK.CopyOf(candidates, k);

        Assert.Equal(expected, top);
        Assert.NotSame(candidates, top); // the caller gives its list back to the thread, and may refill it
    }

    [Theory]
    [InlineData(2_000, 10)]
    [InlineData(30, 50)]
    [InlineData(30, 0)]
    public void OfRow_DenseRowWithTiesZerosAndItself_SameAsTheListOfItsTouchedItems(int count, int k)
    {
        var random = new Random(5);
        var row = new float[count + 10];
        var touched = Enumerable.Range(0, count).OrderBy(_ => random.Next()).ToList();
        foreach (var j in touched)
        {
            row[j] = random.Next(8) / 4f; // ties, and some zeros (never neighbours)
        }
        const int self = 3;
        row[self] = 100f; // an item is not its own neighbour, however similar
        var expected = TopK.Of(touched.Where(j => j != self && row[j] > 0).Select(j => new Candidate(j, row[j], default)).ToList(), k);

        var top = TopK.OfRow(touched, row, self, k);

        Assert.Equal(expected, top);
        Assert.DoesNotContain(top, c => c.Item == self || c.Score <= 0);
    }
}
