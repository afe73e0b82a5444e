using System.Collections.Concurrent;
using Microsoft.ML;
using RetailRecs.Core.Common;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Hybrid: candidates from the item-based, user-based, content-based and trending models, re-ranked by a LightGBM
/// LambdaRank model (ML.NET), with the customer's own re-purchase pattern (<see cref="PersonalFrequencyModel"/>,
/// <see cref="RepurchaseStats"/>) among its signals. The ranker learns on a time split: components trained on sales
/// before the last <see cref="HoldoutDays"/> days propose candidates, and the label is whether the customer bought the
/// item after; on a small shop earlier cut-offs add examples. Its capacity is chosen on held-out customers
/// (<see cref="RankerCapacity"/>). At serving time the components are the ones trained on all the data.
/// </summary>
public sealed class HybridModel : IStoredRanker
{
    public const int HoldoutDays = 30;
    /// <summary>Customers sampled to learn the ranker: enough for stable trees, few enough to train in seconds.</summary>
    public const int MaxTrainingCustomers = 2500;
    /// <summary>Cut-off dates the ranker's examples may come from (the latest, then one and two hold-out periods earlier).</summary>
    public const int MaxCutOffs = 3;

    private readonly HybridCandidates.Components _components;
    private readonly IReadOnlyList<CatalogItem> _catalog;
    private readonly byte[] _rankerBytes;
    private readonly MLContext _ml = new(seed: 1);
    private readonly ITransformer _ranker;
    private readonly ConcurrentBag<PredictionEngine<HybridRow, HybridScore>> _engines = [];
    private readonly CompiledTrees? _trees;

    private HybridModel(HybridCandidates.Components components, IReadOnlyList<CatalogItem> catalog, byte[] rankerBytes,
        RankerCapacity.Choice capacity)
    {
        _components = components;
        Capacity = capacity;
        _catalog = catalog;
        _rankerBytes = rankerBytes;
        _ranker = _ml.Model.Load(new MemoryStream(rankerBytes), out _);
        // The capacity's trees: all of a ranker fitted with it; the first of the capacity search's, for the champion
        // selection's hybrid (see Fit).
        _trees = CompiledTrees.From(_ranker, capacity.Trees);
    }

    /// <summary>
    /// The ranker's score through ML.NET's own prediction engine (what <see cref="CompiledTrees"/> must agree with for a
    /// ranker fitted with its capacity; the selection's, cut from the search, has more trees than it uses).
    /// </summary>
    internal float ScoreWithMlNet(float[] features)
    {
        var engine = _ml.Model.CreatePredictionEngine<HybridRow, HybridScore>(_ranker);
        return engine.Predict(new HybridRow { Features = features }).Score;
    }

    internal float ScoreCompiled(float[] features) => _trees!.Score(features);

    /// <summary>Trees the ranker scores with.</summary>
    internal int RankerTrees => _trees?.Count ?? 0;

    internal HybridCandidates CandidatesFor(RecommendationQuery query) => HybridCandidates.For(_components, _catalog, query);

    public string Algorithm => AlgorithmNames.Hybrid;
    /// <summary>What validation chose for the ranker (leaves, trees, cut-offs) and the figure that chose it.</summary>
    internal RankerCapacity.Choice Capacity { get; }
    public UserKnnModel UserKnn => _components.UserKnn;

    /// <param name="content">A text model already trained on <paramref name="data"/>'s catalog (it reads no sale), or null to train one.</param>
    internal static HybridCandidates.Components ComponentsOf(TrainingData data, TrainingParameters p, CancellationToken ct, ContentModel? content = null)
    {
        var (popularity, trending) = PopularityModel.TrainBoth(data);
        return new HybridCandidates.Components(popularity, trending,
            ItemKnnModel.Train(data, p.Similarity, p.ItemNeighbours, p.MinSupport, ct),
            UserKnnModel.Train(data, p.UserNeighbours),
            content ?? ContentModel.Train(data, p.ItemNeighbours, ct),
            popularity.ScoreByItem(data.ItemCount), trending.ScoreByItem(data.ItemCount), RepurchaseStats.Count(data));
    }

    /// <param name="full">Components trained on all of <paramref name="data"/>: the ones that serve.</param>
    /// <param name="share">
    /// What another hybrid of the same training job computed (cut-offs, candidates, the capacity its search chose), or
    /// null: this one searches for its capacity and computes everything itself.
    /// </param>
    internal static HybridModel Train(TrainingData data, HybridCandidates.Components full, TrainingParameters p, CancellationToken ct = default,
        HybridTrainingShare? share = null)
    {
        if (share is not null && !share.Covers(data, p))
        {
            share = null;
        }
        share?.Offer(data, full);
        // A capacity another hybrid of this job chose is used as it is: its examples need only the cut-offs it chose.
        var capacity = share?.Capacity;
        // The served hybrid of a job whose selection built its examples learns from them (fitted beside the other models).
        var (bytes, chosen) = share?.ServedFitFor(data) ?? Fit(data, p, capacity, share, full.Content, ct);
        // The capacity is the share's by now (the search sets it in Fit before building the served examples).
        share?.Release(data, ct);
        return new HybridModel(full, data.Items, bytes, chosen);
    }

    private static (byte[] Model, RankerCapacity.Choice Chosen) Fit(TrainingData data, TrainingParameters p, RankerCapacity.Choice? capacity,
        HybridTrainingShare? share, ContentModel? content, CancellationToken ct)
    {
        var (rows, groups) = ExamplesOf(data, p, capacity, share, content, ct);
        share?.Examined(data, groups.Max(g => g.CutOff) + 1);
        if (capacity is not null)
        {
            return RankerCapacity.FitWith(capacity, rows, groups, p.Seed);
        }
        var (chosen, learned) = RankerCapacity.Choose(rows, groups, p.Seed, ct);
        if (share is null)
        {
            return RankerCapacity.FitWith(chosen, rows, groups, p.Seed);
        }
        // The other hybrid's examples need only the capacity: built now, while this one's cut-offs are still held.
        share.Capacity = chosen;
        share.BuildServedExamples(data, ct);
        // The champion selection's hybrid (the job's first, which searches) is the search's own model of the chosen
        // capacity, learned from the customers that did not validate, instead of a fit from all of them: the selection
        // only measures it, the served hybrid is fitted from every customer. Refitting cost a fifth of the job at 10× the
        // Online Retail data (7.7 s of LightGBM on one core). The search has compiled that model's trees already, so the
        // selection's hybrid scores them (cut to the chosen number), never ML.NET's engine with all of them.
        return share.Measures(data) && learned is not null ? (learned, chosen) : RankerCapacity.FitWith(chosen, rows, groups, p.Seed);
    }

    /// <summary>
    /// The ranker's examples: each sampled customer's candidates at a cut-off, labelled by what they bought in the
    /// days after it, grouped per customer. <paramref name="capacity"/> null: every cut-off a search may need.
    /// </summary>
    /// <param name="content">The text model trained on <paramref name="data"/>'s catalog, for cut-offs computed here (no share).</param>
    internal static (List<HybridRow> Rows, List<RankerCapacity.Group> Groups) ExamplesOf(TrainingData data, TrainingParameters p,
        RankerCapacity.Choice? capacity, HybridTrainingShare? share, ContentModel? content, CancellationToken ct)
    {
        var holdout = HoldoutOf(data);
        var random = new Random(p.Seed);
        var rows = new List<HybridRow>();
        var groups = new List<RankerCapacity.Group>();
        var validationSeen = 0;
        // Examples from the latest cut-off first; earlier cut-offs (each with the same number of days after it) add
        // customers while there are fewer than MaxTrainingCustomers — a small shop's only way to enough examples.
        for (var cut = 0; cut < (capacity?.CutOffs ?? MaxCutOffs) && groups.Count < MaxTrainingCustomers; cut++)
        {
            var split = CutOffDay(data, cut);
            if (cut > 0 && split - data.FirstDay < 2 * holdout)
            {
                break;
            }
            var shared = share?.At(split, ct);
            var before = shared?.Before ?? data.Before(split);
            // The sales before a cut-off have the same catalog, so the text model trained on all of it serves there too.
            var past = shared?.Components ?? ComponentsOf(before, p, ct, ReferenceEquals(before.Items, data.Items) ? content : null);
            var future = new Dictionary<int, HashSet<int>>();
            foreach (var pu in data.Purchases)
            {
                if (pu.Day >= split && pu.Day < split + holdout && pu.Customer >= 0 && data.Items[pu.Item].Recommendable)
                {
                    (future.TryGetValue(pu.Customer, out var set) ? set : future[pu.Customer] = []).Add(pu.Item);
                }
            }
            var customers = future.Keys.Where(c => before.Histories[c].Length > 0).Order().OrderBy(_ => random.Next())
                .Take(MaxTrainingCustomers - groups.Count).ToList();
            if (cut == 0 && customers.Count < 10)
            {
                throw new InvalidOperationException($"The hybrid ranker needs customers who bought both before and during the last {holdout} days; only {customers.Count} did. Train it on a longer period.");
            }
            var built = CandidatesAt(shared, past, before, customers, ct);
            for (var i = 0; i < customers.Count; i++)
            {
                var (c, candidates) = (customers[i], built[i]);
                var truth = future[c];
                // Every fifth customer of each cut-off validates: enough of them on a small shop to measure anything.
                var validation = validationSeen++ % (int)Math.Round(1 / RankerCapacity.ValidationShare) == 0;
                groups.Add(new RankerCapacity.Group(cut, rows.Count, candidates.Items.Count, validation));
                for (var k = 0; k < candidates.Items.Count; k++)
                {
                    rows.Add(new HybridRow { Group = (uint)groups.Count, Label = truth.Contains(candidates.Items[k]) ? 1 : 0, Features = candidates.Features[k] });
                }
            }
        }
        if (!rows.Any(r => r.Label > 0))
        {
            throw new InvalidOperationException("None of the candidates was bought in the hold-out period: there is no signal for the hybrid ranker to learn from.");
        }
        return (rows, groups);
    }

    /// <summary>Days of sales after each cut-off the ranker learns from: a month, less on a short history.</summary>
    private static int HoldoutOf(TrainingData data) => Math.Min(HoldoutDays, Math.Max(1, (data.LastDay - data.FirstDay) / 4));

    /// <summary>The first day after the <paramref name="cut"/>-th cut-off (0 the latest) of a hybrid learning from <paramref name="data"/>.</summary>
    internal static int CutOffDay(TrainingData data, int cut) => data.LastDay - (cut + 1) * HoldoutOf(data) + 1;

    /// <summary>
    /// The customers' candidates at a cut-off, as the sales before it show them (built once per job when shared). Each
    /// customer's are independent of the others', so they are built side by side, on as many threads as there are cores
    /// and no more: every thread keeps catalog-sized working arrays of its own (<see cref="DenseScratch{T}"/>).
    /// </summary>
    private static HybridCandidates[] CandidatesAt(HybridTrainingShare.CutOff? shared, HybridCandidates.Components past, TrainingData before,
        IReadOnlyList<int> customers, CancellationToken ct)
    {
        var result = new HybridCandidates[customers.Count];
        var missing = new List<int>();
        for (var i = 0; i < customers.Count; i++)
        {
            if (shared is not null && shared.Candidates.TryGetValue(customers[i], out var known))
            {
                result[i] = known;
            }
            else
            {
                missing.Add(i);
            }
        }
        Parallel.ForEach(missing, PerCore.Options(ct), i =>
            result[i] = HybridCandidates.For(past, before.Items, new RecommendationQuery(before.Histories[customers[i]], [], before.LastDay, customers[i])));
        if (shared is not null)
        {
            foreach (var i in missing)
            {
                shared.Candidates[customers[i]] = result[i];
            }
        }
        return result;
    }

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max)
    {
        var candidates = HybridCandidates.For(_components, _catalog, query);
        if (candidates.Items.Count == 0)
        {
            return [];
        }
        var scored = new List<Candidate>(candidates.Items.Count);
        if (_trees is not null)
        {
            for (var k = 0; k < candidates.Items.Count; k++)
            {
                scored.Add(new Candidate(candidates.Items[k], _trees.Score(candidates.Features[k]), candidates.Evidence[k]));
            }
        }
        else
        {
            if (!_engines.TryTake(out var engine))
            {
                engine = _ml.Model.CreatePredictionEngine<HybridRow, HybridScore>(_ranker);
            }
            try
            {
                var row = new HybridRow();
                var score = new HybridScore();
                for (var k = 0; k < candidates.Items.Count; k++)
                {
                    row.Features = candidates.Features[k];
                    engine.Predict(row, ref score);
                    scored.Add(new Candidate(candidates.Items[k], score.Score, candidates.Evidence[k]));
                }
            }
            finally
            {
                _engines.Add(engine);
            }
        }
        // Ranker scores can be negative; the serving layer only needs the order, so shift them above zero.
        var min = scored.Min(c => c.Score);
        return TopK.Of(scored.Select(c => c with { Score = c.Score - min + 1e-3f }).ToList(), max);
    }

    private static RankerCapacity.Choice ReadCapacity(BinaryReader r)
    {
        var (leaves, trees, cutOffs, ndcg) = (r.ReadInt32(), r.ReadInt32(), r.ReadInt32(), r.ReadDouble());
        return new RankerCapacity.Choice(leaves, trees, cutOffs, double.IsNaN(ndcg) ? null : ndcg, r.ReadInt32(), r.ReadInt32());
    }

    public void Write(BinaryWriter w)
    {
        _components.UserKnn.Write(w);
        w.Write(_rankerBytes.Length);
        w.Write(_rankerBytes);
        _components.Repurchase.Write(w);
        w.Write(Capacity.Leaves);
        w.Write(Capacity.Trees);
        w.Write(Capacity.CutOffs);
        w.Write(Capacity.ValidationNdcg ?? double.NaN);
        w.Write(Capacity.TrainingCustomers);
        w.Write(Capacity.ValidationCustomers);
    }

    public static HybridModel Read(BinaryReader r, HistoryEntry[][] histories, IReadOnlyList<CatalogItem> catalog,
        PopularityModel popularity, PopularityModel trending, ItemKnnModel itemKnn, ContentModel content, bool withRepurchase = true)
    {
        var userKnn = UserKnnModel.Read(r, histories);
        var bytes = r.ReadBytes(r.ReadInt32());
        // A ranker stored before the re-purchase features (artifact version 1) reads only the features before them.
        var repurchase = withRepurchase ? RepurchaseStats.Read(r) : RepurchaseStats.None;
        var capacity = withRepurchase ? ReadCapacity(r) : RankerCapacity.Unknown;
        var components = new HybridCandidates.Components(popularity, trending, itemKnn, userKnn, content,
            popularity.ScoreByItem(catalog.Count), trending.ScoreByItem(catalog.Count), repurchase);
        return new HybridModel(components, catalog, bytes, capacity);
    }
}
