using System.Runtime.InteropServices;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>
/// For one list: which of the anchors (bought or in the basket) each product is a text neighbour of. One flat array of
/// entries chained per product, not a list per product: a regular's history has hundreds of anchors with dozens of
/// neighbours each, and a list per product made this the largest cost of scoring a chain's models (a quarter of the
/// champion selection's time at 10×, most of it allocating).
/// </summary>
internal sealed class SimilarAnchors
{
    private readonly Dictionary<int, int> _last;
    private readonly List<Entry> _entries;

    public SimilarAnchors(ItemNeighbours neighbours, IReadOnlyList<int> anchors, IReadOnlyDictionary<int, HistoryEntry> bought)
    {
        // Sized once: grown by doubling, the entries of a regular's history were copied a dozen times.
        var size = 0;
        foreach (var anchor in anchors)
        {
            if (anchor >= 0 && anchor < neighbours.Count)
            {
                size += neighbours.Items[anchor].Length;
            }
        }
        _entries = new List<Entry>(size);
        _last = new Dictionary<int, int>(Math.Min(size, neighbours.Count));
        foreach (var anchor in anchors)
        {
            if (anchor < 0 || anchor >= neighbours.Count)
            {
                continue;
            }
            var day = bought.TryGetValue(anchor, out var h) ? h.LastDay : 0;
            var others = neighbours.Items[anchor];
            var similarities = neighbours.Similarities[anchor];
            for (var k = 0; k < others.Length; k++)
            {
                ref var last = ref CollectionsMarshal.GetValueRefOrAddDefault(_last, others[k], out var existed);
                _entries.Add(new Entry(anchor, similarities[k], day, existed ? last : -1));
                last = _entries.Count - 1;
            }
        }
    }

    /// <summary>
    /// The anchor most similar to <paramref name="item"/> that a person would call similar too (ties: the anchor met
    /// first), or null.
    /// </summary>
    public Evidence? MostSimilarAgreeing(int item, IReadOnlyList<CatalogItem> items)
    {
        if (!_last.TryGetValue(item, out var last))
        {
            return null;
        }
        // The chain runs from the last entry added to the first: reversed, it is in the order the anchors were met.
        var chain = new List<int>();
        for (var e = last; e >= 0; e = _entries[e].Previous)
        {
            chain.Add(e);
        }
        chain.Reverse();
        // Most similar first; a stable sort keeps the order met among equals.
        foreach (var e in chain.OrderByDescending(e => _entries[e].Similarity))
        {
            var entry = _entries[e];
            if (SimilarNames.PersonWouldAgree(items[item], items[entry.Anchor]))
            {
                return new Evidence(EvidenceKind.SimilarItem, entry.Anchor, Share: entry.Similarity, Day: entry.Day);
            }
        }
        return null;
    }

    private readonly record struct Entry(int Anchor, float Similarity, int Day, int Previous);
}
