using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// How many of the reasons a model's lists give are worth saying (<see cref="WorthSaying"/>): popular picks per list,
/// "bought with" below the share, "similar to" a person would not agree with, "shoppers with similar baskets" below
/// the share. Lists are built as the counter builds them (<see cref="ServingRules.ListFor"/>, discovery mode), for a
/// fixed sample of the customers the model knows, so the figures can be compared from run to run.
/// </summary>
public sealed record ReasonReport(int Customers, int Lines, int PopularPicks, int ListsOverPopularCap, int MostPopularPicksInAList,
    int BoughtTogether, int BoughtTogetherWeak, int Similar, int SimilarWeak, int SimilarCustomers, int SimilarCustomersWeak,
    int OtherWeak)
{
    /// <summary>Reasons not worth saying, of every kind.</summary>
    public int Weak => BoughtTogetherWeak + SimilarWeak + SimilarCustomersWeak + OtherWeak;

    /// <param name="customers">How many customers with a history to sample, evenly spread over the model's customers.</param>
    public static ReasonReport Of(ModelBundle bundle, int customers = 200, int count = RecommendationService.DefaultCount)
    {
        var known = Enumerable.Range(0, bundle.Histories.Length).Where(c => bundle.Histories[c].Length > 0).ToList();
        var step = Math.Max(1, known.Count / Math.Max(1, customers));
        var sample = known.Where((_, k) => k % step == 0).Take(customers).ToList();
        var cap = WorthSaying.MaxPopularPicks(count);
        int lines = 0, picks = 0, over = 0, most = 0, together = 0, togetherWeak = 0, similar = 0, similarWeak = 0, neighbours = 0,
            neighboursWeak = 0, otherWeak = 0;
        foreach (var c in sample)
        {
            var history = bundle.Histories[c];
            var excluded = history.Select(h => h.Item).ToHashSet();
            var list = ServingRules.ListFor(bundle, bundle.Ranker, history, c, newItemsOnly: true, excluded, count);
            var listPicks = 0;
            foreach (var line in list)
            {
                lines++;
                var worth = WorthSaying.Holds(line, bundle.Items);
                switch (line.Evidence.Kind)
                {
                    case EvidenceKind.BoughtTogether:
                        together++;
                        togetherWeak += worth ? 0 : 1;
                        break;
                    case EvidenceKind.SimilarItem:
                        similar++;
                        similarWeak += worth ? 0 : 1;
                        break;
                    case EvidenceKind.SimilarCustomers:
                        neighbours++;
                        neighboursWeak += worth ? 0 : 1;
                        break;
                    default:
                        otherWeak += worth ? 0 : 1;
                        break;
                }
                listPicks += WorthSaying.IsPopularPick(line.Evidence.Kind) ? 1 : 0;
            }
            picks += listPicks;
            over += listPicks > cap ? 1 : 0;
            most = Math.Max(most, listPicks);
        }
        return new ReasonReport(sample.Count, lines, picks, over, most, together, togetherWeak, similar, similarWeak, neighbours, neighboursWeak, otherWeak);
    }
}
