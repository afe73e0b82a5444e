namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// Sums contributions per item and remembers, for each item, the single contribution that weighed most, so the
/// reason quotes the evidence that actually drove the score. One per query; dense arrays because catalogs are small
/// enough (a few hundred thousand items at most) and dense adds are far cheaper than dictionary lookups.
/// </summary>
internal sealed class ScoreAccumulator(int items)
{
    private readonly float[] _score = new float[items];
    private readonly float[] _best = new float[items];
    private readonly Evidence[] _evidence = new Evidence[items];
    private readonly List<int> _touched = [];

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

    /// <summary>The <paramref name="max"/> best items, highest score first; ties broken by item index so results are stable.</summary>
    public IReadOnlyList<Candidate> Top(int max, Func<int, bool>? include = null)
    {
        var candidates = new List<Candidate>(_touched.Count);
        foreach (var i in _touched)
        {
            if (_score[i] > 0 && (include is null || include(i)))
            {
                candidates.Add(new Candidate(i, _score[i], _evidence[i]));
            }
        }
        return TopK.Of(candidates, max);
    }
}
