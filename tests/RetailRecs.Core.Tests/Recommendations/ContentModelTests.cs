using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ContentModelTests
{
    private static HandMadeData Catalog() => new HandMadeData()
        .Item("T1", "PINK REGENCY TEACUP AND SAUCER")
        .Item("T2", "GREEN REGENCY TEACUP AND SAUCER")
        .Item("B1", "JUMBO BAG RED RETROSPOT")
        .Item("B2", "JUMBO BAG PINK POLKADOT")
        .Item("L1", "WHITE HANGING HEART T-LIGHT HOLDER")
        .Item("L2", "RED HANGING HEART T-LIGHT HOLDER")
        .Item("N1", "ROSES REGENCY TEACUP AND SAUCER"); // never sold: a new product

    [Fact]
    public void Similar_Product_SharesTheWordsThatMatter()
    {
        var data = Catalog().Basket(0, 10, "B1").Build();
        var model = ContentModel.Train(data);

        var similar = model.Similar(data.Items.ToList().FindIndex(i => i.Sku == "T1"), 2).Select(c => data.Items[c.Item].Sku).ToList();

        Assert.Equal(["N1", "T2"], similar.Order().ToList());
        Assert.Equal("L2", data.Items[model.Similar(4, 1)[0].Item].Sku);
    }

    [Fact]
    public void Recommend_CustomerWhoBoughtATeacup_IsOfferedTheNewTeacupWithTheEvidence()
    {
        var d = Catalog();
        var data = d.Basket(0, 40, "T1").Basket(1, 5, "B1").Build();
        var model = ContentModel.Train(data);

        var top = model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, 0), 10);

        var n1 = Assert.Single(top, c => c.Item == d.Index("N1"));
        Assert.Equal(EvidenceKind.SimilarItem, n1.Evidence.Kind);
        Assert.Equal(d.Index("T1"), n1.Evidence.Anchor);
        Assert.Equal(HandMadeData.Today - 40, n1.Evidence.Day);
        Assert.DoesNotContain(top, c => c.Item == d.Index("B2") && c.Score > n1.Score);
    }
}
