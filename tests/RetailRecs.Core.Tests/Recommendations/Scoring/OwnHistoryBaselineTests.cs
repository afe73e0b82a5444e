using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Tests.Recommendations.Scoring;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class OwnHistoryBaselineTests
{
    [Fact]
    public void Recommend_TieOnOrders_MostRecentFirstNotMostUnits()
    {
        HistoryEntry[] history =
        [
            new(Item: 0, Baskets: 1, Quantity: 24, LastDay: 100, Affinity: 1),
            new(Item: 1, Baskets: 1, Quantity: 1, LastDay: 140, Affinity: 1),
            new(Item: 2, Baskets: 3, Quantity: 3, LastDay: 90, Affinity: 1),
            new(Item: 3, Baskets: 1, Quantity: 6, LastDay: 120, Affinity: 1),
        ];

        var list = new OwnHistoryBaseline().Recommend(new RecommendationQuery(history, [], 150), 4);

        Assert.Equal([2, 1, 3, 0], list.Select(c => c.Item));
    }
}
