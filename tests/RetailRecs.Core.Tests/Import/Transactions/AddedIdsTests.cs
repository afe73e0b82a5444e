using RetailRecs.Core.Import.Transactions;

namespace RetailRecs.Core.Tests.Import.Transactions;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class AddedIdsTests
{
    [Fact]
    public void PlaceOf_IdsInRunsAndOutOfOrder_EachAtThePlaceItWasAdded_OthersNotFound()
    {
        var ids = new AddedIds();
        int[] added = [10, 11, 12, 20, 21, 15, 30, 5, 31];

        var places = added.Select(ids.Add).ToList();

        Assert.Equal(Enumerable.Range(0, added.Length), places);
        Assert.Equal(added.Length, ids.Count);
        for (var k = 0; k < added.Length; k++)
        {
            Assert.Equal(k, ids.PlaceOf(added[k]));
        }
        // 31 follows 30 after two ids out of order: still the run's end, found by its place.
        Assert.All(new[] { 4, 9, 13, 14, 16, 19, 22, 29, 32 }, id => Assert.False(ids.Contains(id), $"{id}"));
        Assert.Equal(added.Select((id, place) => (id, place)).OrderBy(p => p.place), ids.All().OrderBy(p => p.Place));
    }

    [Fact]
    public void PagedList_ItemsAcrossPages_ReadAndChangedInPlace_OutOfRangeRefused()
    {
        var list = new PagedList<(int Id, bool Changed)>();
        for (var i = 0; i < 10_000; i++)
        {
            list.Add((i, false));
        }

        list[4097].Changed = true;

        Assert.Equal(10_000, list.Count);
        Assert.Equal((4097, true), list[4097]);
        Assert.Equal((9_999, false), list[9_999]);
        Assert.Throws<ArgumentOutOfRangeException>(() => list[10_000]);
    }
}
