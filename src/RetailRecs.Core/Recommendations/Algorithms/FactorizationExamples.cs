using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// What the factorization machine learns from. A positive is a product a customer kept, in the month they last bought
/// it; each is matched with negatives: products that customer never bought, in the same month, so the month cannot
/// tell them apart and only the customer and the product can. Negatives are drawn in proportion to buyers^0.75 (as
/// word2vec does): drawn uniformly they would be mostly obscure items and the model would learn little beyond
/// popularity; drawn in proportion to buyers it would learn to avoid best sellers.
/// </summary>
internal static class FactorizationExamples
{
    public readonly record struct Example(int Customer, int Item, int Month, bool Label);

    /// <summary>Tries to find a product the customer never bought before giving up on that negative.</summary>
    private const int Attempts = 20;

    /// <param name="buyers">Customers who kept each item; only recommendable items with buyers take part.</param>
    /// <returns>Examples in a shuffled order (the trainer reads them in this order every iteration).</returns>
    public static List<Example> Sample(TrainingData data, int[] buyers, Random random, int maxPerCustomer, int maxPositives,
        int negativesPerPositive, CancellationToken ct)
    {
        bool Eligible(int item) => buyers[item] > 0 && data.Items[item].Recommendable;

        // A heavy customer is described well enough by the products they care most about (time-decayed affinity).
        var positives = new List<Example>();
        for (var c = 0; c < data.CustomerCount; c++)
        {
            positives.AddRange(data.Histories[c].Where(h => Eligible(h.Item))
                .OrderByDescending(h => h.Affinity).ThenBy(h => h.Item).Take(maxPerCustomer)
                .Select(h => new Example(c, h.Item, FactorizationLayout.MonthOf(h.LastDay), true)));
        }
        if (positives.Count > maxPositives)
        {
            Shuffle(positives, random);
            positives.RemoveRange(maxPositives, positives.Count - maxPositives);
        }

        var eligible = Enumerable.Range(0, data.ItemCount).Where(Eligible).ToArray();
        var cumulative = new double[eligible.Length];
        var total = 0.0;
        for (var k = 0; k < eligible.Length; k++)
        {
            total += Math.Pow(buyers[eligible[k]], 0.75);
            cumulative[k] = total;
        }

        var examples = new List<Example>(positives.Count * (1 + negativesPerPositive));
        foreach (var p in positives)
        {
            ct.ThrowIfCancellationRequested();
            examples.Add(p);
            var bought = data.Histories[p.Customer];
            for (var n = 0; n < negativesPerPositive; n++)
            {
                for (var attempt = 0; attempt < Attempts; attempt++)
                {
                    var k = Array.BinarySearch(cumulative, random.NextDouble() * total);
                    var item = eligible[Math.Min(k < 0 ? ~k : k, eligible.Length - 1)];
                    if (!Bought(bought, item))
                    {
                        examples.Add(new Example(p.Customer, item, p.Month, false));
                        break;
                    }
                }
            }
        }
        Shuffle(examples, random);
        return examples;
    }

    // Histories are ordered by item index.
    private static bool Bought(HistoryEntry[] history, int item)
    {
        int lo = 0, hi = history.Length - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var at = history[mid].Item;
            if (at == item)
            {
                return true;
            }
            if (at < item)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }
        return false;
    }

    private static void Shuffle<T>(List<T> list, Random random)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
