using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Engine;

/// <summary>The snapshot's baskets and histories, stated by hand: what every model reads.</summary>
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
}
