using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations.Algorithms;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class PersonalFrequencyModelTests
{
    // Customer 0 bought tea three times a year ago and coffee twice last month; customers 1–3 share their coffee and
    // keep buying biscuits with it, which customer 0 never bought; customer 4 buys only soap.
    private static HandMadeData Shop() => new HandMadeData()
        .Item("TEA", "Tea").Item("COF", "Coffee").Item("BIS", "Biscuits").Item("SOAP", "Soap").Item("JAM", "Jam")
        .Basket(0, 380, "TEA").Basket(0, 370, "TEA").Basket(0, 360, "TEA", "JAM")
        .Basket(0, 40, "COF").Basket(0, 20, "COF")
        .Basket(1, 30, "COF", "BIS").Basket(1, 10, "COF", "BIS")
        .Basket(2, 25, "COF", "BIS").Basket(2, 5, "BIS")
        .Basket(3, 15, "COF", "BIS")
        .Basket(4, 12, "SOAP").Basket(4, 2, "SOAP");

    [Fact]
    public void Recommend_RecentPurchasesAgainstOlderMoreFrequentOnes_RanksTheRecentFirst()
    {
        var shop = Shop();
        var data = shop.Build();
        var model = new PersonalFrequencyModel(UserKnnModel.Train(data));

        var list = model.Recommend(new RecommendationQuery(data.Histories[0], [], data.LastDay, 0), 10);

        // Bought three times against twice, but a year ago: the decayed frequency puts coffee first, as a customer's
        // "what they always buy" by counts alone would not.
        Assert.Equal(shop.Index("COF"), list[0].Item);
        Assert.Equal(EvidenceKind.BuysRegularly, list[0].Evidence.Kind);
        Assert.True(list.ToList().FindIndex(c => c.Item == shop.Index("TEA")) > 0);
    }

    [Fact]
    public void Recommend_NeighboursKeepBuyingAProduct_BlendsItInAndNeverWhatNoNeighbourBought()
    {
        var shop = Shop();
        var data = shop.Build();
        var model = new PersonalFrequencyModel(UserKnnModel.Train(data));

        var list = model.Recommend(new RecommendationQuery(data.Histories[0], [], data.LastDay, 0), 10);

        var biscuits = Assert.Single(list, c => c.Item == shop.Index("BIS"));
        Assert.Equal(EvidenceKind.SimilarCustomers, biscuits.Evidence.Kind);
        Assert.Equal(3, biscuits.Evidence.Count);
        Assert.DoesNotContain(list, c => c.Item == shop.Index("SOAP"));
        // The customer's own weight (0.8) exceeds anything the neighbours' 0.2 can give: their own coffee stays first.
        Assert.True(list[0].Score > biscuits.Score);
    }

    [Fact]
    public void Recommend_NewItemsOnly_LeavesOutWhatTheCustomerBought()
    {
        var shop = Shop();
        var data = shop.Build();
        var model = new PersonalFrequencyModel(UserKnnModel.Train(data));

        var list = model.Recommend(new RecommendationQuery(data.Histories[0], [], data.LastDay, 0, NewItemsOnly: true), 10);

        Assert.Equal([shop.Index("BIS")], list.Select(c => c.Item));
    }
}
