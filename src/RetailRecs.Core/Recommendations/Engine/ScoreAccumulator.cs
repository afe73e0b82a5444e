namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Sums contributions per item and remembers, for each item, the single contribution that weighed most, so the
/// reason quotes the evidence that actually drove the score. One per query; dense arrays because catalogs are small
/// enough (a few hundred thousand items at most) and dense adds are far cheaper than dictionary lookups. The arrays are
/// the thread's (<see cref="DenseScratch{T}"/>), given back clean by <see cref="Top"/>, the query's last call: a query
/// costs the items it touches, not the catalog's size.
/// </summary>
internal sealed class ScoreAccumulator(int items)
{
    private float[] _score = DenseScratch<float>.Rent(items);
    private float[] _best = DenseScratch<float>.Rent(items);
    // Read only for touched items, each written when first touched: never cleared.
    private Evidence[] _evidence = DenseScratch<Evidence>.Rent(items);
    private readonly List<int> _touched = ScratchList<int>.Rent();

    public void Add(int item, float contribution, Evidence evidence)
    {
        if (contribution <= 0)
        {
            return;
        }
        if (_best[item] == 0)
        {
            _touched.Add(item);
        }
        _score[item] += contribution;
        if (contribution > _best[item])
        {
            _best[item] = contribution;
            _evidence[item] = evidence;
        }
    }

    /// <summary>
    /// The <paramref name="max"/> best items, highest score first; ties broken by item index so results are stable.
    /// The accumulator's last call: its arrays go back to the thread.
    /// </summary>
    public IReadOnlyList<Candidate> Top(int max, Func<int, bool>? include = null)
    {
        ObjectDisposedException.ThrowIf(_score.Length == 0, this);
        var candidates = ScratchList<Candidate>.Rent();
        foreach (var i in _touched)
        {
            if (_score[i] > 0 && (include is null || include(i)))
            {
                candidates.Add(new Candidate(i, _score[i], _evidence[i]));
            }
        }
        DenseScratch<float>.Return(_score, _touched);
        DenseScratch<float>.Return(_best, _touched);
        DenseScratch<Evidence>.Return(_evidence, []);
        (_score, _best, _evidence) = ([], [], []);
        ScratchList<int>.Return(_touched);
        var top = TopK.CopyOf(candidates, max);
        ScratchList<Candidate>.Return(candidates);
        return top;
    }
}
