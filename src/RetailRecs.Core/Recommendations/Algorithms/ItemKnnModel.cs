using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Item-based collaborative filtering on purchase co-occurrence. Each item keeps its nearest items by the chosen
/// similarity; a customer's score for an item sums, over what they bought, their time-decayed affinity times the
/// similarity. Also answers "frequently bought together" for a product or a basket.
/// </summary>
public sealed class ItemKnnModel : IRecommender
{
    /// <summary>How much an item in today's basket weighs against one bought before: the basket is what they want now.</summary>
    public const float BasketWeight = 2f;

    private readonly ItemNeighbours _neighbours;
    private readonly int[] _basketsWithItem;

    private ItemKnnModel(ItemNeighbours neighbours, int[] basketsWithItem, ItemSimilarity similarity)
    {
        _neighbours = neighbours;
        _basketsWithItem = basketsWithItem;
        Similarity = similarity;
    }

    public string Algorithm => AlgorithmNames.ItemKnn;
    public ItemSimilarity Similarity { get; }
    public ItemNeighbours Neighbours => _neighbours;

    /// <summary>How many training baskets held the item.</summary>
    public int BasketsWith(int item) => _basketsWithItem[item];

    public static ItemKnnModel Train(TrainingData data, ItemSimilarity similarity = ItemSimilarity.Cosine, int neighbours = 50,
        int minSupport = 2, CancellationToken ct = default)
    {
        var n = data.ItemCount;
        var basketsOf = new List<int>[n];
        var basketCount = new int[n];
        var baskets = data.Baskets;
        var usable = 0;
        for (var b = 0; b < baskets.Count; b++)
        {
            if (baskets[b].Length == 0)
            {
                continue;
            }
            usable++;
            foreach (var i in baskets[b])
            {
                (basketsOf[i] ??= []).Add(b);
                basketCount[i]++;
            }
        }

        var rows = new int[n][];
        var sims = new float[n][];
        var together = new int[n][];
        // Each item's row is counted independently from the baskets that hold it: memory stays O(items) per worker
        // instead of a dense items × items matrix, and rows spread over the cores.
        Parallel.For(0, n, PerCore.Options(ct), () => (Counts: new int[n], Touched: new List<int>(), Row: new float[n]),
            (i, _, scratch) =>
            {
                rows[i] = [];
                sims[i] = [];
                together[i] = [];
                if (basketsOf[i] is null)
                {
                    return scratch;
                }
                var (counts, touched, row) = scratch;
                foreach (var b in basketsOf[i])
                {
                    foreach (var j in baskets[b])
                    {
                        if (counts[j]++ == 0)
                        {
                            touched.Add(j);
                        }
                    }
                }
                foreach (var j in touched)
                {
                    var c = counts[j];
                    row[j] = j == i || c < minSupport ? 0 : similarity switch
                    {
                        ItemSimilarity.CoOccurrence => c,
                        ItemSimilarity.Jaccard => (float)c / (basketCount[i] + basketCount[j] - c),
                        ItemSimilarity.Cosine => (float)(c / Math.Sqrt((double)basketCount[i] * basketCount[j])),
                        ItemSimilarity.Lift => (float)((double)c * usable / ((double)basketCount[i] * basketCount[j])),
                        _ => throw new ArgumentOutOfRangeException(nameof(similarity)),
                    };
                }
                var (top, topSims) = ItemNeighbours.TopOfRow(touched, row, i, neighbours);
                rows[i] = top;
                sims[i] = topSims;
                together[i] = top.Select(j => counts[j]).ToArray();
                foreach (var j in touched)
                {
                    counts[j] = 0;
                    row[j] = 0;
                }
                touched.Clear();
                return scratch;
            },
            _ => { });
        return new ItemKnnModel(new ItemNeighbours(rows, sims, together), basketCount, similarity);
    }

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max)
    {
        var acc = new ScoreAccumulator(_neighbours.Count);
        foreach (var h in query.History)
        {
            Spread(acc, h.Item, h.Affinity);
        }
        foreach (var b in query.Basket)
        {
            Spread(acc, b, BasketWeight);
        }
        return acc.Top(max, query.Allows);
    }

    /// <summary>Items most often bought with all of <paramref name="basket"/>, excluding the basket itself.</summary>
    public IReadOnlyList<Candidate> BoughtTogether(IReadOnlyCollection<int> basket, int max)
    {
        var acc = new ScoreAccumulator(_neighbours.Count);
        foreach (var b in basket)
        {
            Spread(acc, b, 1f);
        }
        return acc.Top(max, i => !basket.Contains(i));
    }

    /// <summary>
    /// "Bought together" with sales since training counted in: each anchor's co-purchase counts and basket counts get
    /// the live ones added and the similarity is worked out again from the sums (lift, which needs the total number of
    /// baskets, is approximated by cosine until the next training).
    /// </summary>
    /// <param name="extraOf">For an anchor item: baskets since training that held it, and per item how many of those held both.</param>
    /// <param name="extraBasketsOf">For any item: baskets since training that held it.</param>
    public IReadOnlyList<Candidate> BoughtTogether(IReadOnlyCollection<int> basket, int max,
        Func<int, (int Baskets, IReadOnlyDictionary<int, int> Together)> extraOf, Func<int, int> extraBasketsOf)
    {
        var acc = new ScoreAccumulator(_neighbours.Count);
        foreach (var anchor in basket.Where(a => a >= 0 && a < _neighbours.Count))
        {
            var (extraBaskets, extraTogether) = extraOf(anchor);
            var counts = new Dictionary<int, int>();
            var items = _neighbours.Items[anchor];
            var together = _neighbours.Together![anchor];
            for (var k = 0; k < items.Length; k++)
            {
                counts[items[k]] = together[k];
            }
            foreach (var (item, extra) in extraTogether)
            {
                counts[item] = counts.GetValueOrDefault(item) + extra;
            }
            var na = Math.Max(1, _basketsWithItem[anchor] + extraBaskets);
            foreach (var (item, c) in counts)
            {
                if (item == anchor || item < 0 || item >= _neighbours.Count)
                {
                    continue;
                }
                var nj = Math.Max(1, _basketsWithItem[item] + extraBasketsOf(item));
                var sim = Similarity switch
                {
                    ItemSimilarity.CoOccurrence => c,
                    ItemSimilarity.Jaccard => (float)c / Math.Max(1, na + nj - c),
                    _ => (float)(c / Math.Sqrt((double)na * nj)),
                };
                acc.Add(item, sim, new Evidence(EvidenceKind.BoughtTogether, anchor, Share: (float)c / na, Count: c));
            }
        }
        return acc.Top(max, i => !basket.Contains(i));
    }

    private void Spread(ScoreAccumulator acc, int anchor, float weight)
    {
        if (anchor < 0 || anchor >= _neighbours.Count)
        {
            return;
        }
        var items = _neighbours.Items[anchor];
        var sims = _neighbours.Similarities[anchor];
        var together = _neighbours.Together![anchor];
        var baskets = Math.Max(1, _basketsWithItem[anchor]);
        for (var k = 0; k < items.Length; k++)
        {
            acc.Add(items[k], weight * sims[k],
                new Evidence(EvidenceKind.BoughtTogether, anchor, Share: (float)together[k] / baskets, Count: together[k]));
        }
    }

    public void Write(BinaryWriter w)
    {
        w.Write((int)Similarity);
        w.Write(_basketsWithItem.Length);
        foreach (var c in _basketsWithItem)
        {
            w.Write(c);
        }
        _neighbours.Write(w);
    }

    public static ItemKnnModel Read(BinaryReader r)
    {
        var similarity = (ItemSimilarity)r.ReadInt32();
        var counts = new int[r.ReadInt32()];
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = r.ReadInt32();
        }
        return new ItemKnnModel(ItemNeighbours.Read(r), counts, similarity);
    }
}
