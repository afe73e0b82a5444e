namespace RetailRecs.Core.Recommendations.Engine;

internal static class TopK
{
    private static readonly Comparison<Candidate> BestFirst = (a, b) =>
    {
        var byScore = b.Score.CompareTo(a.Score);
        return byScore != 0 ? byScore : a.Item.CompareTo(b.Item);
    };

    /// <summary>The heap's order: its root is the worst of the candidates kept.</summary>
    private static readonly IComparer<Candidate> WorstFirst = Comparer<Candidate>.Create((a, b) => BestFirst(b, a));

    /// <summary>The best <paramref name="k"/> candidates in order (score descending, then item index).</summary>
    public static IReadOnlyList<Candidate> Of(List<Candidate> candidates, int k)
    {
        if (candidates.Count > 4 * k && k > 0)
        {
            // Partial selection: a bounded min-heap keeps the k best without sorting everything. A candidate no better
            // than the worst one kept is not pushed at all: once the heap holds good ones that is nearly every candidate,
            // and pushing then popping each one was the most expensive step of a hybrid's query (and of its training).
            var heap = new PriorityQueue<Candidate, Candidate>(k + 1, WorstFirst);
            foreach (var c in candidates)
            {
                if (heap.Count < k)
                {
                    heap.Enqueue(c, c);
                }
                else if (BestFirst(c, heap.Peek()) < 0)
                {
                    heap.DequeueEnqueue(c, c);
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

    /// <summary>
    /// The same as <see cref="Of"/>, in a new list: <paramref name="candidates"/> (a <see cref="ScratchList{T}"/>, given
    /// back by the caller) may be reordered but is never returned.
    /// </summary>
    public static IReadOnlyList<Candidate> CopyOf(List<Candidate> candidates, int k)
    {
        if (candidates.Count > 4 * k && k > 0)
        {
            return Of(candidates, k); // the heap's path makes its own list
        }
        candidates.Sort(BestFirst);
        return candidates.GetRange(0, Math.Min(Math.Max(k, 0), candidates.Count));
    }

    /// <summary>
    /// The best <paramref name="k"/> entries of a dense row, among the <paramref name="touched"/> indexes with a score
    /// above zero, <paramref name="self"/> left out; the same order as <see cref="Of"/>. Straight from the row into the
    /// bounded heap: a row of a large catalog touches tens of thousands of items, and a list of them all per row (on the
    /// large-object heap) was most of the text model's time on a chain's catalog.
    /// </summary>
    public static IReadOnlyList<Candidate> OfRow(IReadOnlyList<int> touched, float[] row, int self, int k)
    {
        if (k <= 0)
        {
            return [];
        }
        var heap = new PriorityQueue<Candidate, Candidate>(k + 1, WorstFirst);
        foreach (var j in touched)
        {
            if (j == self || row[j] <= 0)
            {
                continue;
            }
            var c = new Candidate(j, row[j], default);
            if (heap.Count < k)
            {
                heap.Enqueue(c, c);
            }
            else if (BestFirst(c, heap.Peek()) < 0)
            {
                heap.DequeueEnqueue(c, c);
            }
        }
        var top = new List<Candidate>(heap.Count);
        top.AddRange(heap.UnorderedItems.Select(x => x.Element));
        top.Sort(BestFirst);
        return top;
    }
}
