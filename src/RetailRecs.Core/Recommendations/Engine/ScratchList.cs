namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Per-thread lists for one query's working sets (the items or customers it touched, its candidates before the top
/// few are kept), lent empty and handed back. Grown afresh per query, they were most of the champion selection's
/// allocation at 10× (10.7 GB in 15 s of scoring, often on the large-object heap): a list keeps its capacity here, so
/// a thread grows each list once. A list never given back (the query failed) is simply collected.
/// </summary>
internal static class ScratchList<T>
{
    /// <summary>Lists kept per thread: enough for those one query holds at once.</summary>
    private const int KeptPerThread = 4;

    /// <summary>
    /// Larger lists are not kept: the web app's request threads are many, and a list that once held most of a chain's
    /// customers would stay with each of them. Such a query allocates as before; the common ones (10×: up to about
    /// 40,000 entries) reuse.
    /// </summary>
    public const int MaxKeptCapacity = 1 << 17;

    [ThreadStatic]
    private static Stack<List<T>>? _free;

    /// <summary>An empty list, with the capacity an earlier query on this thread left it.</summary>
    public static List<T> Rent() => _free is { Count: > 0 } free ? free.Pop() : [];

    /// <summary>Gives <paramref name="list"/> back; the caller keeps nothing that refers to it.</summary>
    public static void Return(List<T> list)
    {
        if (list.Capacity > MaxKeptCapacity)
        {
            return;
        }
        list.Clear();
        var free = _free ??= new Stack<List<T>>();
        if (free.Count < KeptPerThread)
        {
            free.Push(list);
        }
    }
}
