using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Engine;

/// <summary>The snapshot's baskets and histories, stated by hand: what every model reads.</summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class TrainingDataTests
{
    [Fact]
    public void Baskets_AreEachBasketsDistinctItemsInOrder_GuestsIncluded_EmptyOnesKept()
    {
        var items = Enumerable.Range(0, 4).Select(i => new CatalogItem(100 + i, $"S{i}", $"Item {i}", null, null, null, 1f, true, 0)).ToList();
        var data = new TrainingData(items, [1000], [
            new Purchase(0, 3, 0, 10, 1), new Purchase(0, 1, 0, 10, 1), new Purchase(0, 3, 0, 10, 2),
            new Purchase(-1, 2, 2, 11, 1), new Purchase(-1, 0, 2, 11, 1),
        ], 10, 11);

        Assert.Equal([[1, 3], [], [0, 2]], data.Baskets);
        Assert.Equal([1, 3], data.Histories[0].Select(h => h.Item));
    }

    [Fact]
    public void Histories_SumEachItemsPurchases_NetReturns_DropWhatWasReturnedInFull()
    {
        var items = Enumerable.Range(0, 3).Select(i => new CatalogItem(100 + i, $"S{i}", $"Item {i}", null, null, null, 1f, true, 0)).ToList();
        const int today = 1000;
        var data = new TrainingData(items, [7, 8], [
            new Purchase(1, 2, 0, today - 90, 3), new Purchase(0, 0, 1, today - 5, 1), new Purchase(1, 2, 2, today, 2),
            new Purchase(1, 1, 2, today, 4), new Purchase(-1, 1, 3, today, 9),
        ], today - 90, today, [new Return(1, 2, 1), new Return(1, 2, 1), new Return(1, 1, 4)], halfLifeDays: 90);

        Assert.Equal([new HistoryEntry(0, 1, 1, today - 5, TrainingData.Decay(5, 90))], data.Histories[0]);
        // Item 2: two baskets, 3 + 2 bought, two returns of 1; item 1 returned in full leaves the history.
        Assert.Equal([new HistoryEntry(2, 2, 3, today, 0.5f + 1f)], data.Histories[1]);
    }

    [Fact]
    public void Before_IsTheSnapshotOfTheEarlierSales_WithoutCopyingThem_ABasketAcrossTheDayCutToo()
    {
        var items = Enumerable.Range(0, 5).Select(i => new CatalogItem(100 + i, $"S{i}", $"Item {i}", null, null, null, 1f, true, 0)).ToList();
        // Basket 1 has a line on day 12 and one on day 14 (hand-made: an order has one day in the database); basket 3 is a guest's.
        Purchase[] sales = [
            new(0, 3, 0, 10, 1), new(1, 1, 1, 12, 2), new(0, 4, 2, 13, 1), new(1, 2, 1, 14, 1),
            new(-1, 0, 3, 12, 5), new(1, 1, 4, 15, 1), new(0, 3, 5, 11, 2), new(0, 0, 6, 16, 1),
        ];
        var all = new TrainingData(items, [7, 8], sales.ToList(), 10, 16, [new Return(0, 3, 1)], halfLifeDays: 30);

        // (A later day than the snapshot's end keeps its sales and moves "today", as a copy would.)
        foreach (var (cut, day, today) in new[] { (all.Before(14), 14, 13), (all.Before(15).Before(14), 14, 13), (all.Before(13).Before(15), 13, 14) })
        {
            var copied = new TrainingData(items, [7, 8], sales.Where(p => p.Day < day).ToArray(), sales.Where(p => p.Day < day).Min(p => p.Day),
                today, [new Return(0, 3, 1)], halfLifeDays: 30);
            Assert.Equal(copied.Purchases, cut.Purchases);
            Assert.Equal(copied.Purchases.Count, cut.Purchases.Count);
            Assert.Equal(Enumerable.Range(0, copied.Purchases.Count).Select(i => copied.Purchases[i]), Enumerable.Range(0, cut.Purchases.Count).Select(i => cut.Purchases[i]));
            Assert.Equal((copied.FirstDay, copied.LastDay), (cut.FirstDay, cut.LastDay));
            Assert.Equal(copied.Baskets, cut.Baskets);
            Assert.Equal(copied.Histories, cut.Histories);
            Assert.Equal(copied.ItemOf(103), cut.ItemOf(103));
        }
        var before14 = all.Before(14);
        // A basket wholly before the day is the whole snapshot's own array; the one cut by the day is its own.
        Assert.Same(all.Baskets[0], before14.Baskets[0]);
        Assert.Equal([1], before14.Baskets[1]);
        Assert.Equal([1, 2], all.Baskets[1]);
    }
}
