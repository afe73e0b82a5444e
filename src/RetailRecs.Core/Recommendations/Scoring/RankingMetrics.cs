namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>
/// The per-customer accuracy metrics at K, as the literature defines them, with binary relevance (an item is relevant
/// when it is in the customer's truth). A list may be shorter than K; its repeated items count only once (the repeat
/// is a miss at its rank); ties are broken by the list's order.
/// </summary>
public static class RankingMetrics
{
    public sealed record Scores(double Precision, double Recall, double F1, double Ndcg, double AveragePrecision, double Hit, double ReciprocalRank);

    /// <summary>The metrics of one list, or null when the truth is empty (the customer cannot be scored).</summary>
    public static Scores? Score(IReadOnlyList<int> list, IReadOnlySet<int> truth, int k)
    {
        if (truth.Count == 0)
        {
            return null;
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var seen = new HashSet<int>();
        var hits = 0;
        var dcg = 0.0;
        var precisionSum = 0.0;
        var firstHit = 0;
        for (var rank = 1; rank <= Math.Min(k, list.Count); rank++)
        {
            var item = list[rank - 1];
            if (!seen.Add(item) || !truth.Contains(item))
            {
                continue;
            }
            hits++;
            dcg += 1 / Math.Log2(rank + 1);
            precisionSum += (double)hits / rank;
            if (firstHit == 0)
            {
                firstHit = rank;
            }
        }
        var ideal = Math.Min(k, truth.Count);
        var idcg = 0.0;
        for (var rank = 1; rank <= ideal; rank++)
        {
            idcg += 1 / Math.Log2(rank + 1);
        }
        // Precision divides by K even when fewer were suggested: an empty slot is a wasted one.
        var precision = (double)hits / k;
        var recall = (double)hits / truth.Count;
        return new Scores(
            precision,
            recall,
            precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall),
            dcg / idcg,
            precisionSum / ideal,
            hits > 0 ? 1 : 0,
            firstHit == 0 ? 0 : 1.0 / firstHit);
    }
}
