using System.Runtime.CompilerServices;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// Every suggestion carries a reason worth saying (<see cref="WorthSaying"/>). A candidate whose model gave a weak
/// reason gets the best true one that holds instead — often bought with, or similar to, something the customer bought
/// or has in the basket; else it is a popular pick (when it is popular), and a list holds only a few of those
/// (<see cref="WorthSaying.MaxPopularPickShare"/>); else it is not suggested. The next-best candidates fill the places, so a list
/// is not shortened: only when the candidates run out do further popular picks (and, last, anything left) fill it.
/// Applied by <see cref="ServingRules"/>, so offline evaluation measures the lists staff see.
/// </summary>
public sealed class ReasonRules
{
    private static readonly ConditionalWeakTable<ModelBundle, PopularCounts> Popular = [];

    private readonly ModelBundle _bundle;
    private readonly IReadOnlyList<int> _anchors;
    private readonly IReadOnlyDictionary<int, HistoryEntry> _bought;
    private readonly bool _popularPicks;
    private readonly bool _boughtWith;
    private readonly int _count;
    private Dictionary<int, Evidence>? _together;
    private SimilarAnchors? _similar;

    private ReasonRules(ModelBundle bundle, IReadOnlyList<HistoryEntry> history, IReadOnlyCollection<int> basket, bool popularPicks, int count, bool boughtWith = true)
    {
        _count = count;
        _boughtWith = boughtWith;
        _bundle = bundle;
        var bought = new Dictionary<int, HistoryEntry>(history.Count);
        foreach (var h in history)
        {
            bought.TryAdd(h.Item, h);
        }
        _bought = bought;
        _anchors = basket.Concat(history.Select(h => h.Item)).Distinct().ToList();
        _popularPicks = popularPicks;
    }

    /// <summary>A customer's list of <paramref name="count"/>: reasons from what they bought and have in the basket; a few popular picks.</summary>
    public static ReasonRules ForCustomer(ModelBundle bundle, IReadOnlyList<HistoryEntry> history, IReadOnlyCollection<int> basket, int count) =>
        new(bundle, history, basket, popularPicks: true, count);

    /// <summary>
    /// What goes with a basket: only what is worth saying about its products (bought with them, or similar), no popular
    /// picks (a shorter list is better than "often bought with" in 2% of baskets).
    /// </summary>
    public static ReasonRules ForBasket(ModelBundle bundle, IReadOnlyCollection<int> products) =>
        new(bundle, [], products, popularPicks: false, 0);

    /// <summary>Products similar to one: only those a person would call similar (<see cref="SimilarNames"/>).</summary>
    public static ReasonRules ForSimilar(ModelBundle bundle, int product) =>
        new(bundle, [], [product], popularPicks: false, 0, boughtWith: false);

    /// <summary>The candidates in the order a list takes them, each with the reason it is suggested on.</summary>
    public IEnumerable<Candidate> Order(IEnumerable<Candidate> eligible)
    {
        var cap = WorthSaying.MaxPopularPicks(_count);
        var picks = 0;
        var laterPicks = new List<Candidate>();
        var leftOver = new List<Candidate>();
        foreach (var c in eligible)
        {
            var said = Said(c);
            if (said is { } good && !WorthSaying.IsPopularPick(good.Evidence.Kind))
            {
                yield return good;
                continue;
            }
            if (!_popularPicks)
            {
                continue;
            }
            var pick = said ?? AsPopularPick(c);
            if (pick is null)
            {
                leftOver.Add(AsBestSeller(c));
            }
            else if (picks < cap)
            {
                picks++;
                yield return pick.Value;
            }
            else
            {
                laterPicks.Add(pick.Value);
            }
        }
        // The candidates with good reasons ran out: popular picks, then anything left, rather than a short list.
        foreach (var c in laterPicks.Concat(leftOver))
        {
            yield return c;
        }
    }

    /// <summary>The candidate with a reason worth saying about it, or null when it has none but popularity.</summary>
    private Candidate? Said(Candidate c)
    {
        var items = _bundle.Items;
        if (WorthSaying.Holds(c, items) && !WorthSaying.IsPopularPick(c.Evidence.Kind))
        {
            return c;
        }
        if (_boughtWith && BoughtWith(c.Item) is { } together)
        {
            return c with { Evidence = together };
        }
        if (SimilarTo(c.Item) is { } similar)
        {
            return c with { Evidence = similar };
        }
        if (_bought.TryGetValue(c.Item, out var h))
        {
            var regular = c with { Evidence = new Evidence(EvidenceKind.BuysRegularly, c.Item, Count: h.Baskets, Day: h.LastDay) };
            if (WorthSaying.Holds(regular, items))
            {
                return regular;
            }
        }
        return WorthSaying.Holds(c, items) ? c : null;
    }

    // The anchor (bought or in the basket) whose baskets hold the item most often, when that is worth saying.
    private Evidence? BoughtWith(int item)
    {
        if (_together is null)
        {
            var knn = _bundle.ItemKnn;
            var best = new Dictionary<int, Evidence>();
            var neighbours = knn.Neighbours;
            foreach (var anchor in _anchors)
            {
                if (anchor < 0 || anchor >= neighbours.Count || neighbours.Together is not { } counts)
                {
                    continue;
                }
                var baskets = Math.Max(1, knn.BasketsWith(anchor));
                var others = neighbours.Items[anchor];
                var together = counts[anchor];
                for (var k = 0; k < others.Length; k++)
                {
                    var e = new Evidence(EvidenceKind.BoughtTogether, anchor, Share: (float)together[k] / baskets, Count: together[k]);
                    if (e.Share >= WorthSaying.MinTogetherShare && e.Count >= WorthSaying.MinTogetherBaskets
                        && (!best.TryGetValue(others[k], out var had) || e.Share > had.Share))
                    {
                        best[others[k]] = e;
                    }
                }
            }
            _together = best;
        }
        return _together.TryGetValue(item, out var found) ? found : null;
    }

    // The most similar anchor a person would call similar too.
    private Evidence? SimilarTo(int item)
    {
        _similar ??= new SimilarAnchors(_bundle.Content.Neighbours, _anchors, _bought);
        return _similar.MostSimilarAgreeing(item, _bundle.Items);
    }

    private Candidate? AsPopularPick(Candidate c)
    {
        var counts = Popular.GetValue(_bundle, b => new PopularCounts(b));
        var recent = c with { Evidence = new Evidence(EvidenceKind.Trending, Count: counts.Recent[c.Item]) };
        if (WorthSaying.Holds(recent, _bundle.Items))
        {
            return recent;
        }
        var ever = c with { Evidence = new Evidence(EvidenceKind.BestSeller, Count: counts.Ever[c.Item]) };
        return WorthSaying.Holds(ever, _bundle.Items) ? ever : null;
    }

    // Nothing better to say about a product that fills a list the candidates could not: how many bought it (true).
    private Candidate AsBestSeller(Candidate c) =>
        c with { Evidence = new Evidence(EvidenceKind.BestSeller, Count: Popular.GetValue(_bundle, b => new PopularCounts(b)).Ever[c.Item]) };

    /// <summary>Buyers per item in the last 30 days (trending's count) and over the whole window (best sellers').</summary>
    private sealed class PopularCounts
    {
        public PopularCounts(ModelBundle bundle)
        {
            Recent = new int[bundle.Items.Count];
            Ever = new int[bundle.Items.Count];
            foreach (var c in bundle.Trending.Ranked)
            {
                Recent[c.Item] = c.Evidence.Count;
            }
            foreach (var c in bundle.Popularity.Ranked)
            {
                Ever[c.Item] = c.Evidence.Count;
            }
        }

        public int[] Recent { get; }
        public int[] Ever { get; }
    }
}
