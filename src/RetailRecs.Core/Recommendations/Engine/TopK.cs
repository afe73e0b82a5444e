namespace RetailRecs.Core.Recommendations.Engine;

internal static class TopK
{
    private static readonly Comparison<Candidate> BestFirst = (a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Item.CompareTo(b.Item);
    };

    /// <summary>The best <paramref name="k"/> candidates in order (score descending, then item index).</summary>
    public static IReadOnlyList<Candidate> Of(List<Candidate> candidates, int k)
    {
        if (candidates.Count > 4 * k && k > 0)
        {
            // Partial selection: a bounded min-heap keeps the k best without sorting everything.
            var heap = new PriorityQueue<Candidate, Candidate>(k + 1, Comparer<Candidate>.Create((a, b) => BestFirst(b, a)));
            foreach (var c in candidates)
            {
                heap.Enqueue(c, c);
                if (heap.Count > k)
                {
                    heap.Dequeue();
                }
            }
            candidates = [.. heap.UnorderedItems.Select(x => x.Element)];
        }
        candidates.Sort(BestFirst);
        if (candidates.Count > k)
        {
            candidates.RemoveRange(k, candidates.Count - k);
        }
        return candidates;
    }
}
