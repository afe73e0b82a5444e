namespace RetailRecs.Core.Import.Transactions;

/// <summary>
/// The ids of the rows an import added, each with its place in the order they were added. Databases hand out
/// increasing ids, and one chunk's new rows get consecutive ones, so the ids are kept as runs: a few hundred runs for
/// the 437,100 customers of a 100× import, where a set of ids took megabytes of the large-object heap and grew with the
/// file. An id below the last one (a provider that does not hand out increasing ids) is kept apart, still correct.
/// </summary>
internal sealed class AddedIds
{
    private readonly record struct Run(int First, int Count, int Place);

    private readonly List<Run> _runs = [];
    private readonly Dictionary<int, int> _outOfOrder = [];

    public int Count { get; private set; }

    /// <summary>Adds an id not added before.</summary>
    /// <returns>The id's place (0 for the first id added, then 1, 2, …).</returns>
    public int Add(int id)
    {
        var place = Count++;
        var end = _runs.Count == 0 ? int.MinValue : _runs[^1].First + _runs[^1].Count;
        // A run's places are consecutive too: after an id kept apart, the next one starts a run of its own.
        if (id == end && _runs[^1].Place + _runs[^1].Count == place)
        {
            _runs[^1] = _runs[^1] with { Count = _runs[^1].Count + 1 };
        }
        else if (id >= end)
        {
            _runs.Add(new Run(id, 1, place));
        }
        else
        {
            _outOfOrder.Add(id, place);
        }
        return place;
    }

    /// <returns>The id's place, or -1 when this import did not add it.</returns>
    public int PlaceOf(int id)
    {
        int lo = 0, hi = _runs.Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var run = _runs[mid];
            if (id < run.First)
            {
                hi = mid - 1;
            }
            else if (id >= run.First + run.Count)
            {
                lo = mid + 1;
            }
            else
            {
                return run.Place + (id - run.First);
            }
        }
        return _outOfOrder.TryGetValue(id, out var place) ? place : -1;
    }

    public bool Contains(int id) => PlaceOf(id) >= 0;

    /// <summary>Every id with its place, runs first.</summary>
    public IEnumerable<(int Id, int Place)> All()
    {
        foreach (var run in _runs)
        {
            for (var k = 0; k < run.Count; k++)
            {
                yield return (run.First + k, run.Place + k);
            }
        }
        foreach (var (id, place) in _outOfOrder)
        {
            yield return (id, place);
        }
    }
}
