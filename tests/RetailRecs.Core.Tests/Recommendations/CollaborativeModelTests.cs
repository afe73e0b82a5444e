using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class CollaborativeModelTests
{
    // Four baskets: A and B go together three times; A and C once; D alone.
    //   n(A)=4, n(B)=3, n(C)=1, n(D)=1, c(A,B)=3, c(A,C)=1, N=5 baskets.
    private static HandMadeData Baskets() => new HandMadeData()
        .Item("A", "LUNCH BOX").Item("B", "LUNCH BAG").Item("C", "WATER BOTTLE").Item("D", "DOORMAT")
        .Basket(0, 50, "A", "B").Basket(1, 40, "A", "B").Basket(2, 30, "A", "B").Basket(3, 20, "A", "C").Basket(4, 10, "D");

    [Theory]
    [InlineData(ItemSimilarity.CoOccurrence, 3f)]
    [InlineData(ItemSimilarity.Jaccard, 3f / (4 + 3 - 3))]
    [InlineData(ItemSimilarity.Cosine, 0.8660254f)] // 3 / √(4·3)
    [InlineData(ItemSimilarity.Lift, 1.25f)]        // 3·5 / (4·3)
    public void ItemKnn_SimilarityOfAPair_FollowsItsDefinition(ItemSimilarity similarity, float expected)
    {
        var d = Baskets();
        var model = ItemKnnModel.Train(d.Build(), similarity, minSupport: 1);

        var (item, sim, together) = model.Neighbours.Of(d.Index("A")).First(n => n.Item == d.Index("B"));

        Assert.Equal(expected, sim, 5);
        Assert.Equal(3, together);
        Assert.Equal(4, model.BasketsWith(d.Index("A")));
        Assert.Equal(d.Index("B"), item);
    }

    [Fact]
    public void ItemKnn_MinimumSupportOfTwo_DropsPairsSeenOnce()
    {
        var d = Baskets();
        var model = ItemKnnModel.Train(d.Build(), ItemSimilarity.Lift, minSupport: 2);

        Assert.DoesNotContain(model.Neighbours.Of(d.Index("A")), n => n.Item == d.Index("C"));
        Assert.Contains(model.Neighbours.Of(d.Index("A")), n => n.Item == d.Index("B"));
    }

    [Fact]
    public void BoughtTogether_Anchor_QuotesTheShareOfTheAnchorsBaskets()
    {
        var d = Baskets();
        var model = ItemKnnModel.Train(d.Build(), minSupport: 1);

        var top = model.BoughtTogether([d.Index("A")], 5);

        Assert.Equal(d.Index("B"), top[0].Item);
        Assert.Equal(new Evidence(EvidenceKind.BoughtTogether, d.Index("A"), 0.75f, 3), top[0].Evidence);
        Assert.DoesNotContain(top, c => c.Item == d.Index("A"));
        Assert.DoesNotContain(top, c => c.Item == d.Index("D"));
    }

    [Fact]
    public void ItemKnn_RecentAndOldPurchase_TheRecentOneOutweighs()
    {
        // Customer 0 bought X long ago and Y last week; X's neighbour is P, Y's neighbour is Q.
        var d = new HandMadeData().Item("X", "X").Item("Y", "Y").Item("P", "P").Item("Q", "Q")
            .Basket(1, 100, "X", "P").Basket(2, 100, "Y", "Q")
            .Basket(0, 360, "X").Basket(0, 7, "Y");
        var data = d.Build();
        var model = ItemKnnModel.Train(data, minSupport: 1);

        var top = model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, 0, NewItemsOnly: true), 2);

        Assert.Equal([d.Index("Q"), d.Index("P")], top.Select(c => c.Item));
    }

    [Fact]
    public void UserKnn_CustomerWithNeighbours_SuggestsWhatTheNearestCustomersBought()
    {
        // Customers 0 and 1 share A and B; 1 also bought C. Customer 2 shares nothing with 0 and bought D.
        var d = new HandMadeData().Item("A", "A").Item("B", "B").Item("C", "C").Item("D", "D")
            .Basket(0, 10, "A", "B").Basket(1, 12, "A", "B", "C").Basket(2, 9, "D");
        var data = d.Build();
        var model = UserKnnModel.Train(data, neighbours: 5);

        var top = model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, 0, NewItemsOnly: true), 5);

        var c = Assert.Single(top);
        Assert.Equal(d.Index("C"), c.Item);
        Assert.Equal(EvidenceKind.SimilarCustomers, c.Evidence.Kind);
        Assert.Equal(1, c.Evidence.Count);
    }

    /// <summary>
    /// An erased customer's history is emptied in the loaded model's shared array (ModelBundle.Forget); the index the
    /// model built at load still held their purchases, so they kept a neighbour's place and counted in "N of 50".
    /// </summary>
    [Fact]
    public void UserKnn_NeighbourErasedAfterLoading_IsNoLongerANeighbour()
    {
        var d = new HandMadeData().Item("A", "A").Item("B", "B").Item("C", "C").Item("D", "D")
            .Basket(0, 10, "A", "B").Basket(1, 12, "A", "B", "C").Basket(2, 9, "A", "D");
        var data = d.Build();
        var histories = data.Histories.ToArray();
        using var stored = new MemoryStream();
        using (var w = new BinaryWriter(stored, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            w.Write(5);
            w.Write(data.ItemCount);
        }
        stored.Position = 0;
        var model = UserKnnModel.Read(new BinaryReader(stored), histories); // as a champion loads: sharing the histories
        var query = new RecommendationQuery(histories[0], [], HandMadeData.Today, 0, NewItemsOnly: true);
        Assert.Equal([1, 2], model.Nearest(query).Select(n => n.Item).Order());

        histories[1] = []; // what ModelBundle.Forget does to an erased customer

        Assert.Equal([2], model.Nearest(query).Select(n => n.Item));
        var d2 = Assert.Single(model.Recommend(query, 5));
        Assert.Equal((d.Index("D"), 1, 1f), (d2.Item, d2.Evidence.Count, d2.Evidence.Share));
    }

    [Fact]
    public void Popularity_RepeatBuyersAndRecentSales_CountsCustomersOnce_TrendingPrefersRecentSales()
    {
        // Old favourite O: three customers a year ago (one of them twice). New hit N: two customers this week.
        var d = new HandMadeData().Item("O", "OLD").Item("N", "NEW")
            .Basket(0, 300, "O").Basket(0, 290, "O").Basket(1, 300, "O").Basket(2, 300, "O")
            .Basket(3, 2, "N").Basket(4, 3, "N");
        var data = d.Build();

        var best = PopularityModel.Train(data, trending: false).Ranked;
        var trending = PopularityModel.Train(data, trending: true).Ranked;

        Assert.Equal(d.Index("O"), best[0].Item);
        Assert.Equal(3, best[0].Evidence.Count);
        Assert.Equal(d.Index("N"), trending[0].Item);
        Assert.Equal(2, trending[0].Evidence.Count);
        Assert.Equal(0, trending[1].Evidence.Count); // nobody bought O in the last 30 days
    }

    [Fact]
    public void Histories_ProductReturnedInFull_LeavesTheHistory()
    {
        var d = new HandMadeData().Item("A", "A").Item("B", "B")
            .Basket(0, 10, "A", "B").Returned(0, "B", 1);

        var history = d.Build().Histories[0];

        Assert.Equal([d.Index("A")], history.Select(h => h.Item));
    }
}
