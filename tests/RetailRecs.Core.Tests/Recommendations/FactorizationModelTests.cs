using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Tests.Recommendations;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class FactorizationModelTests
{
    // Two groups with disjoint tastes. Customers 1–5 bought A1–A4, customer 0 only A1–A3; customers 7–11 bought
    // B1–B4, customer 6 only B1–B3. A4 and B4 have 5 buyers, the others 6: a model that only counted buyers would
    // offer customer 0 a B product first. Both groups buy on the same days, so the month tells them nothing apart.
    private static (HandMadeData Made, TrainingData Data) TwoTastes()
    {
        var d = new HandMadeData();
        foreach (var sku in new[] { "A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4" })
        {
            d.Item(sku, sku);
        }
        for (var c = 0; c < 12; c++)
        {
            var group = c < 6 ? "A" : "B";
            var full = c % 6 != 0;
            d.Basket(c, 30 + c % 6, $"{group}1", $"{group}2").Basket(c, 10 + c % 6, full ? [$"{group}3", $"{group}4"] : [$"{group}3"]);
        }
        return (d, d.Build());
    }

    private static RecommendationQuery Discovery(TrainingData data, int customer) =>
        new(data.Histories[customer], [], HandMadeData.Today, customer, NewItemsOnly: true);

    [Fact]
    public void Recommend_CustomerOfOneTaste_IsOfferedWhatCustomersWithTheSameTasteBought()
    {
        var (d, data) = TwoTastes();
        var model = FactorizationModel.Train(data, new TrainingParameters());

        var forA = model.Recommend(Discovery(data, 0), 5);
        var forB = model.Recommend(Discovery(data, 6), 5);

        Assert.Equal(d.Index("A4"), forA[0].Item);
        Assert.Equal(d.Index("B4"), forB[0].Item);
        Assert.DoesNotContain(forA, c => c.Item <= d.Index("A3")); // discovery: nothing already bought
        Assert.All(forA.Concat(forB), c => Assert.InRange(c.Score, 0f, 1f));
        Assert.Equal(forA.OrderByDescending(c => c.Score).Select(c => c.Item), forA.Select(c => c.Item));
        Assert.Equal(5, forA.Count); // A4 and the four B products
        Assert.Equal(EvidenceKind.LearnedTaste, forA[0].Evidence.Kind);
        Assert.Contains(data.Histories[0], h => h.Item == forA[0].Evidence.Anchor);
    }

    [Fact]
    public void Response_CopiedWeights_EqualsMlNetsOwnScore()
    {
        var (_, data) = TwoTastes();
        var model = FactorizationModel.Train(data, new TrainingParameters { Seed = 3 });

        var checkedPairs = 0;
        for (var c = 0; c < data.CustomerCount; c += 3)
        {
            for (var i = 0; i < data.ItemCount; i += 3)
            {
                foreach (var month in new[] { 0, 5, 11 })
                {
                    Assert.Equal(model.ResponseWithMlNet(c, i, month), model.Response(c, i, month), 1e-4f);
                    checkedPairs++;
                }
            }
        }
        Assert.Equal(4 * 3 * 3, checkedPairs);
    }

    [Fact]
    public void Read_StoredModel_ServesExactlyWhatTheTrainedOneDid()
    {
        var (_, data) = TwoTastes();
        var model = FactorizationModel.Train(data, new TrainingParameters());
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            model.Write(w);
        }
        buffer.Position = 0;
        var read = FactorizationModel.Read(new BinaryReader(buffer));

        for (var c = 0; c < data.CustomerCount; c++)
        {
            var query = new RecommendationQuery(data.Histories[c], [], HandMadeData.Today, c);
            Assert.Equal(model.Recommend(query, 8), read.Recommend(query, 8));
        }
        Assert.Throws<InvalidOperationException>(() => read.ResponseWithMlNet(0, 0, 0));
    }

    [Fact]
    public void Recommend_UnknownCustomer_GetsNothingSoTheCallerFallsBackToPopularity()
    {
        var (d, data) = TwoTastes();
        var model = FactorizationModel.Train(data, new TrainingParameters());

        Assert.Empty(model.Recommend(new RecommendationQuery([], [d.Index("A1")], HandMadeData.Today), 5));
        Assert.Empty(model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, CustomerIndex: -1), 5));
        Assert.NotEmpty(model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, CustomerIndex: 0), 5));
    }

    [Fact]
    public void Train_ProductsNeverRecommended_AreNotLearnedOrOffered()
    {
        var d = new HandMadeData().Item("A", "A").Item("B", "B").Item("POST", "POSTAGE", recommendable: false);
        for (var c = 0; c < 6; c++)
        {
            d.Basket(c, 10 + c, c % 2 == 0 ? ["A", "POST"] : ["B", "POST"]);
        }
        var data = d.Build();
        var model = FactorizationModel.Train(data, new TrainingParameters());

        var top = model.Recommend(new RecommendationQuery(data.Histories[0], [], HandMadeData.Today, 0), 5);

        Assert.Equal([d.Index("A"), d.Index("B")], top.Select(c => c.Item).Order());
    }
}
