using System.Runtime.ExceptionServices;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// What the two hybrids of one training job share: the champion selection's (learned without the last 30 days) and
/// the one that serves (learned from every sale). The selection's cut-off dates are the served one's, one hold-out
/// period earlier, so the components trained on the sales before a cut-off and each customer's candidates there are
/// computed once. And the ranker's capacity is searched for once, by the first hybrid trained — the selection's, whose
/// held-out customers all bought before the days the selection scores on — and the other learns with it: a search
/// is most of a hybrid's training time. The text model, which reads the catalog and no sale, is trained once for the
/// whole job. The trainings of a job run one after the other: not for concurrent use (only the served hybrid's fit,
/// started by the share itself, runs beside them).
/// </summary>
/// <param name="all">Every sale of the job: the served hybrid learns from it, the selection's from a part cut from it by date.</param>
public sealed class HybridTrainingShare(TrainingData all, TrainingParameters parameters)
{
    private readonly Dictionary<int, CutOff> _cutOffs = [];
    private ContentModel? _content;
    private (List<HybridRow> Rows, List<RankerCapacity.Group> Groups)? _served;
    private ExceptionDispatchInfo? _servedFailure;
    private Task<(byte[] Model, RankerCapacity.Choice Chosen)>? _servedFit;

    /// <summary>The sales before one cut-off day, the components trained on them, and the candidates already built there.</summary>
    internal sealed class CutOff(TrainingData before, HybridCandidates.Components components)
    {
        public TrainingData Before { get; } = before;
        public HybridCandidates.Components Components { get; } = components;
        public Dictionary<int, HybridCandidates> Candidates { get; } = [];
    }

    /// <summary>How many cut-offs (snapshots, their components and candidates) the share holds now.</summary>
    internal int CutOffsHeld => _cutOffs.Count;

    /// <summary>What the first hybrid's search chose; null until a hybrid of this job has searched.</summary>
    internal RankerCapacity.Choice? Capacity { get; set; }

    /// <summary>
    /// True when <paramref name="data"/> is the job's sales or the part of them before a day (what a hybrid learns from
    /// may then use what was computed for the other), learned with the same parameters.
    /// </summary>
    internal bool Covers(TrainingData data, TrainingParameters p)
    {
        if (p != parameters || !ReferenceEquals(data.Items, all.Items) || !ReferenceEquals(data.CustomerIds, all.CustomerIds)
            || data.HalfLifeDays != all.HalfLifeDays || data.LastDay > all.LastDay)
        {
            return false;
        }
        if (ReferenceEquals(data, all))
        {
            return true;
        }
        var before = 0;
        foreach (var purchase in all.Purchases)
        {
            before += purchase.Day <= data.LastDay ? 1 : 0;
        }
        return before == data.Purchases.Count;
    }

    /// <summary>True when <paramref name="data"/> is the champion selection's part of the sales (learned only to be measured), not the served hybrid's.</summary>
    internal bool Measures(TrainingData data) => !ReferenceEquals(data, all);

    /// <summary>Components a caller trained on <paramref name="before"/> (the sales before one day): the other hybrid's cut-off there.</summary>
    internal void Offer(TrainingData before, HybridCandidates.Components components)
    {
        _cutOffs.TryAdd(before.LastDay + 1, new CutOff(before, components));
    }

    /// <summary>The sales before <paramref name="splitDay"/> and the components trained on them, trained once.</summary>
    internal CutOff At(int splitDay, CancellationToken ct)
    {
        if (!_cutOffs.TryGetValue(splitDay, out var cut))
        {
            var before = all.Before(splitDay);
            _cutOffs[splitDay] = cut = new CutOff(before, HybridModel.ComponentsOf(before, parameters, ct, ContentOf(before, parameters, ct)));
        }
        return cut;
    }

    /// <summary>
    /// Lets go, as soon as the first hybrid (the one that searches) has built its examples, of the cut-offs the served
    /// hybrid cannot reach: the capacity it will learn with takes at most as many cut-offs as those examples came from
    /// (<see cref="RankerCapacity.Choose"/>), and its latest is the selection's own data. On a chain's data one cut-off
    /// gives every training customer, so the components trained before the selection's own cut-off (a full set of
    /// models on most of the sales) go before the capacity search rather than after it.
    /// </summary>
    internal void Examined(TrainingData data, int cutOffsUsed)
    {
        if (ReferenceEquals(data, all) || Capacity is not null)
        {
            return;
        }
        var reachable = Enumerable.Range(0, cutOffsUsed).Select(cut => HybridModel.CutOffDay(all, cut)).ToHashSet();
        foreach (var day in _cutOffs.Keys.Where(day => !reachable.Contains(day)).ToList())
        {
            _cutOffs.Remove(day);
        }
    }

    /// <summary>
    /// Lets go of every cut-off once <paramref name="trained"/> has learned. After the selection's hybrid (the first, whose
    /// search chose the capacity) the served hybrid's examples are built here and kept instead: they need only the
    /// cut-offs that capacity reaches, and the selection's components are still alive for the latest of them. Each
    /// cut-off holds a snapshot of the sales before its day, the components trained on it and the candidates of up to
    /// <see cref="HybridModel.MaxTrainingCustomers"/> customers; at 100× the Online Retail data the components are
    /// gigabytes, which were otherwise kept through the selection's scoring and while the served models were built
    /// beside them. The examples share the candidates' feature rows, so keeping them costs little more than those.
    /// </summary>
    internal void Release(TrainingData trained, CancellationToken ct)
    {
        BuildServedExamples(trained, ct);
        _cutOffs.Clear();
    }

    /// <summary>
    /// The served hybrid's examples, built once the first hybrid (<paramref name="trained"/>, not the job's whole sales)
    /// has chosen the capacity; nothing when they are built already or when the served hybrid searches for itself.
    /// </summary>
    internal void BuildServedExamples(TrainingData trained, CancellationToken ct)
    {
        if (!ReferenceEquals(trained, all) && Capacity is not null && _served is null && _servedFailure is null)
        {
            try
            {
                _served = HybridModel.ExamplesOf(all, parameters, Capacity, this, null, ct);
            }
            catch (InvalidOperationException e)
            {
                // The served hybrid reports it as its own failure, as it would have building them itself.
                _servedFailure = ExceptionDispatchInfo.Capture(e);
            }
        }
    }

    /// <summary>
    /// Starts fitting the served hybrid's ranker on a thread of its own when its examples are ready (the selection's
    /// hybrid built them): LightGBM learns on one thread, so it runs beside the served job's other models instead of
    /// after them. Its examples and capacity are fixed, so nothing it reads changes meanwhile, and it needs no more
    /// memory than the examples it already has (the fit samples a few hundred thousand rows of them).
    /// </summary>
    internal void StartServedFit(TrainingData data)
    {
        if (ReferenceEquals(data, all) && _served is { } served && Capacity is { } capacity && _servedFit is null)
        {
            _servedFit = Task.Run(() => RankerCapacity.FitWith(capacity, served.Rows, served.Groups, parameters.Seed));
        }
    }

    /// <summary>
    /// The served hybrid's ranker fitted from the examples built when the selection's hybrid let its cut-offs go
    /// (<see cref="Release"/>), waiting for the fit <see cref="StartServedFit"/> started (or fitting now); null for any
    /// other data, or when no examples were built (the hybrid then learns as it would alone).
    /// </summary>
    internal (byte[] Model, RankerCapacity.Choice Chosen)? ServedFitFor(TrainingData data)
    {
        if (!ReferenceEquals(data, all))
        {
            return null;
        }
        _servedFailure?.Throw();
        StartServedFit(data);
        var fit = _servedFit;
        _servedFit = null;
        _served = null;
        return fit?.GetAwaiter().GetResult();
    }

    /// <summary>
    /// The text model for <paramref name="data"/>, trained once per job: it reads only the catalog's texts, and every
    /// part of the job (the served models, the selection's, each cut-off's components) has the same catalog. Reading
    /// the descriptions was the largest single cost of a training on a chain's catalog, repeated five or six times.
    /// Null when <paramref name="data"/> has another catalog or other parameters: the caller trains its own.
    /// </summary>
    internal ContentModel? ContentOf(TrainingData data, TrainingParameters p, CancellationToken ct)
    {
        if (!ReferenceEquals(data.Items, all.Items) || p.ItemNeighbours != parameters.ItemNeighbours)
        {
            return null;
        }
        return _content ??= ContentModel.Train(all, parameters.ItemNeighbours, ct);
    }
}
