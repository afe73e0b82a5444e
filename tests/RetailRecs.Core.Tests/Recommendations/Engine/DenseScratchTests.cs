using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Engine;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class DenseScratchTests
{
    [Fact]
    public void Top_NextQueryOnTheSameThread_StartsFromNothing()
    {
        // The accumulators of one thread reuse each other's arrays: what one query added must not reach the next.
        var first = new ScoreAccumulator(1_000);
        first.Add(3, 5f, new Evidence(EvidenceKind.BoughtTogether, Anchor: 1));
        first.Add(7, 2f, new Evidence(EvidenceKind.SimilarItem, Anchor: 2));
        first.Top(10);

        var second = new ScoreAccumulator(1_000);
        second.Add(7, 1f, new Evidence(EvidenceKind.Trending, Count: 4));
        second.Add(9, 0.5f, new Evidence(EvidenceKind.BestSeller, Count: 2));
        var top = second.Top(10);

        Assert.Equal([new Candidate(7, 1f, new Evidence(EvidenceKind.Trending, Count: 4)), new Candidate(9, 0.5f, new Evidence(EvidenceKind.BestSeller, Count: 2))], top);
    }

    [Fact]
    public void Top_CalledTwice_Refused()
    {
        var accumulator = new ScoreAccumulator(10);
        accumulator.Add(1, 1f, default);
        accumulator.Top(5);

        Assert.Throws<ObjectDisposedException>(() => accumulator.Top(5));
    }

    [Fact]
    public void Rent_AfterReturn_EveryEntryDefaultAgain()
    {
        var array = DenseScratch<int>.Rent(100);
        var touched = new List<int> { 4, 50, 99 };
        foreach (var i in touched)
        {
            array[i] = i + 1;
        }
        DenseScratch<int>.Return(array, touched);

        var again = DenseScratch<int>.Rent(100);

        Assert.Same(array, again);
        Assert.All(again, v => Assert.Equal(0, v));
    }

    [Fact]
    public void ScratchList_RentAfterReturn_SameListEmptyWithItsCapacity()
    {
        var list = ScratchList<int>.Rent();
        list.AddRange(Enumerable.Range(0, 5_000));
        ScratchList<int>.Return(list);

        var again = ScratchList<int>.Rent();

        Assert.Same(list, again);
        Assert.Empty(again);
        Assert.True(again.Capacity >= 5_000);
    }

    [Fact]
    public void ScratchList_ListLargerThanTheCeiling_NotKept()
    {
        var huge = ScratchList<int>.Rent();
        huge.AddRange(Enumerable.Range(0, ScratchList<int>.MaxKeptCapacity + 1));
        ScratchList<int>.Return(huge);

        var next = ScratchList<int>.Rent();

        Assert.NotSame(huge, next);
        Assert.Empty(next);
    }
}
