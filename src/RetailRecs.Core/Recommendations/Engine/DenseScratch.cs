namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Per-thread dense arrays for one query's sums, lent clean and handed back clean. A query touches a few thousand
/// items or customers, but a fresh array per query costs time in proportion to the whole catalog (or every customer):
/// on a ten-store chain's catalog that was a megabyte a query, on the large-object heap, and scoring every test
/// customer grew with the square of the chain. Only the entries a query touched are cleared when it gives the array
/// back, so a query costs what it touches. An array never given back (the query failed) is simply collected.
/// </summary>
internal static class DenseScratch<T> where T : struct
{
    /// <summary>Arrays kept per thread: enough for the accumulators one query holds at once.</summary>
    private const int KeptPerThread = 8;

    [ThreadStatic]
    private static Stack<T[]>? _free;

    /// <summary>An array of at least <paramref name="length"/> entries, all default.</summary>
    public static T[] Rent(int length)
    {
        var free = _free;
        while (free is { Count: > 0 })
        {
            var array = free.Pop();
            if (array.Length >= length)
            {
                return array;
            }
        }
        return new T[length];
    }

    /// <summary>Gives <paramref name="array"/> back once the entries in <paramref name="touched"/> — every one the caller wrote — are cleared.</summary>
    public static void Return(T[] array, List<int> touched)
    {
        foreach (var i in touched)
        {
            array[i] = default;
        }
        var free = _free ??= new Stack<T[]>();
        if (free.Count < KeptPerThread)
        {
            free.Push(array);
        }
    }
}
