using System.Numerics;
using Microsoft.ML;
using Microsoft.ML.Trainers;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// A field-aware factorization machine (ML.NET) over customer, product and context fields (<see cref="FactorizationLayout"/>),
/// trained to tell products customers kept from sampled ones (<see cref="FactorizationExamples"/>).
/// Serving does not go through ML.NET: a PredictionEngine per candidate would cost milliseconds for a few thousand
/// items. The learned weights are copied out instead, and since every field is one-hot, a score splits into a part
/// that depends only on the item and the month (a table) and a dot product of the customer's latent vectors with the
/// item's: scoring the whole catalog for one customer costs tens of microseconds. A test checks both agree.
/// The model knows customers, not baskets: an anonymous basket gets nothing here and the caller falls back.
/// </summary>
public sealed class FactorizationModel : IStoredRanker
{
    /// <summary>Latent dimension. A multiple of 8: ML.NET's AVX code works in steps of 8 and would leave a remainder out.</summary>
    public const int LatentDimension = 16;
    /// <summary>Passes over the examples on a large shop.</summary>
    public const int Iterations = 5;
    /// <summary>
    /// On a small shop five passes are too few updates to learn anything: passes are added until the trainer has made
    /// this many updates (at most <see cref="MaxIterations"/>), which still takes well under a second.
    /// </summary>
    public const int MinimumUpdates = 200_000;
    public const int MaxIterations = 50;
    public const int NegativesPerPositive = 3;
    /// <summary>Products per customer learned from (their heaviest): enough for taste, and keeps heavy buyers from dominating.</summary>
    public const int MaxPositivesPerCustomer = 100;
    /// <summary>Bounds the training time on large shops (a few seconds on the full Online Retail data).</summary>
    public const int MaxPositives = 150_000;
    /// <summary>Most products of a history compared with a suggestion to name the one it relates to most.</summary>
    public const int ProfileItems = 60;

    private const int Fields = FactorizationLayout.FieldCount;
    private const int D = LatentDimension;
    private const int Block = Fields * D;

    private readonly FactorizationLayout _layout;
    private readonly float[] _linear;
    /// <summary>ML.NET's layout: feature j's latent vector for field f starts at (j · fields + f) · d.</summary>
    private readonly float[] _latent;
    // Customers and items that appeared in a positive example. The others' vectors were never learned (still random,
    // or only pushed away as sampled negatives): they are not scored.
    private readonly bool[] _knownCustomer;
    private readonly int[] _knownItems;
    /// <summary>Every feature's value after ML.NET normalised the example to unit length.</summary>
    private readonly float _x;
    /// <summary>[month · items + item]: the item's own terms and its interactions with the month.</summary>
    private readonly float[] _itemConstant;
    /// <summary>[item · block + field · d]: the item's features summed, as seen from the customer field.</summary>
    private readonly float[] _facing;
    private readonly float[] _facingNorm;
    // Only after training (not stored): ML.NET's own model, for the test that the copied weights score as it does.
    private readonly MLContext? _ml;
    private readonly ITransformer? _mlNet;

    private FactorizationModel(FactorizationLayout layout, float[] linear, float[] latent, bool[] knownCustomer, bool[] knownItem,
        MLContext? ml = null, ITransformer? mlNet = null)
    {
        _layout = layout;
        _linear = linear;
        _latent = latent;
        _knownCustomer = knownCustomer;
        _knownItems = [.. Enumerable.Range(0, knownItem.Length).Where(i => knownItem[i])];
        _ml = ml;
        _mlNet = mlNet;
        _x = 1f / MathF.Sqrt(FactorizationLayout.FeaturesPerExample);
        var items = layout.Items;
        _itemConstant = new float[FactorizationLayout.Months * items];
        _facing = new float[items * Block];
        _facingNorm = new float[items];
        foreach (var i in _knownItems)
        {
            var features = layout.ItemFeatures(i);
            var own = 0f;
            var pairs = 0f;
            for (var a = 0; a < features.Length; a++)
            {
                own += _linear[features[a].Feature];
                for (var b = a + 1; b < features.Length; b++)
                {
                    pairs += Pair(features[a], features[b]);
                }
                var facing = _facing.AsSpan(i * Block + features[a].Field * D, D);
                var v = V(features[a].Feature, FactorizationLayout.CustomerField);
                for (var k = 0; k < D; k++)
                {
                    facing[k] += v[k];
                }
            }
            for (var m = 0; m < FactorizationLayout.Months; m++)
            {
                var month = (Field: FactorizationLayout.ContextField, Feature: layout.MonthFeature(m));
                var withMonth = 0f;
                foreach (var f in features)
                {
                    withMonth += Pair(month, f);
                }
                _itemConstant[m * items + i] = _x * (own + _linear[month.Feature]) + _x * _x * (pairs + withMonth);
            }
            _facingNorm[i] = MathF.Sqrt(Dot(_facing.AsSpan(i * Block, Block), _facing.AsSpan(i * Block, Block)));
        }
    }

    public string Algorithm => AlgorithmNames.Factorization;

    public static FactorizationModel Train(TrainingData data, TrainingParameters p, CancellationToken ct = default)
    {
        var buyers = new int[data.ItemCount];
        foreach (var history in data.Histories)
        {
            foreach (var h in history)
            {
                buyers[h.Item]++;
            }
        }
        var layout = FactorizationLayout.Build(data, buyers);
        var examples = FactorizationExamples.Sample(data, buyers, new Random(p.Seed), MaxPositivesPerCustomer, MaxPositives,
            NegativesPerPositive, ct);
        if (!examples.Any(e => e.Label))
        {
            throw new InvalidOperationException("The factorization machine needs customers who kept products that can be recommended: there are none in the window.");
        }
        if (!examples.Any(e => !e.Label))
        {
            throw new InvalidOperationException("The factorization machine needs customers who did not buy every product: there are no negatives to learn from.");
        }
        var iterations = Math.Clamp((MinimumUpdates + examples.Count - 1) / examples.Count, Iterations, MaxIterations);
        var knownCustomer = new bool[data.CustomerCount];
        var knownItem = new bool[data.ItemCount];
        foreach (var e in examples.Where(e => e.Label))
        {
            knownCustomer[e.Customer] = true;
            knownItem[e.Item] = true;
        }

        var ml = new MLContext(p.Seed);
        // Rows are made as the trainer reads them (once per iteration): a few compact examples in memory, not a row object each.
        var view = ml.Data.LoadFromEnumerable(examples.Select(e => layout.Row(e.Customer, e.Item, e.Month, e.Label)), layout.Schema());
        var trainer = ml.BinaryClassification.Trainers.FieldAwareFactorizationMachine(new FieldAwareFactorizationMachineTrainer.Options
        {
            FeatureColumnName = nameof(FactorizationRow.Customer),
            ExtraFeatureColumns = [nameof(FactorizationRow.Product), nameof(FactorizationRow.Context)],
            LabelColumnName = nameof(FactorizationRow.Label),
            LatentDimension = LatentDimension,
            NumberOfIterations = iterations,
            NormalizeFeatures = true,
            // The examples were shuffled with the run's seed; ML.NET cannot shuffle an enumerable anyway.
            Shuffle = false,
            Verbose = false,
        });
        ct.ThrowIfCancellationRequested();
        var fitted = trainer.Fit(view);
        var weights = fitted.Model;
        if (weights.LatentDimension != LatentDimension || weights.FieldCount != Fields || weights.FeatureCount != layout.FeatureCount)
        {
            throw new InvalidOperationException("ML.NET's factorization machine does not have the expected shape.");
        }
        return new FactorizationModel(layout, [.. weights.GetLinearWeights()], [.. weights.GetLatentWeights()], knownCustomer, knownItem,
            ml, fitted);
    }

    public IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max)
    {
        var c = query.CustomerIndex;
        // A customer the model never learned has no vector worth using: the caller falls back to popularity.
        if (c < 0 || c >= _knownCustomer.Length || !_knownCustomer[c] || query.History.Count == 0 || max <= 0)
        {
            return [];
        }
        var month = FactorizationLayout.MonthOf(query.Today);
        var customer = _latent.AsSpan(_layout.CustomerFeature(c) * Block, Block);
        var constants = _itemConstant.AsSpan(month * _layout.Items, _layout.Items);
        // Every item gets a score, so the best few are kept as they come (sorted, best first; an item ties below the
        // ones before it, so lower indexes win ties as elsewhere): once the list is full most items lose one comparison.
        var top = new List<Candidate>(max + 1);
        foreach (var i in _knownItems)
        {
            var score = ItemPart(customer, constants, i);
            if (top.Count == max && score <= top[^1].Score || !query.Allows(i))
            {
                continue;
            }
            var at = top.Count;
            while (at > 0 && top[at - 1].Score < score)
            {
                at--;
            }
            top.Insert(at, new Candidate(i, score, default));
            if (top.Count > max)
            {
                top.RemoveAt(max);
            }
        }
        // The customer's own terms are the same for every item: they change the score, not the order, and are added here.
        var own = CustomerConstant(c, month);
        var profile = Profile(query.History);
        return top.Select(t => new Candidate(t.Item, Sigmoid(t.Score + own),
            new Evidence(EvidenceKind.LearnedTaste, Anchor(t.Item, profile)))).ToList();
    }

    /// <summary>The raw response (before the sigmoid) from the copied weights, as serving computes it.</summary>
    internal float Response(int customer, int item, int month) =>
        CustomerConstant(customer, month) + ItemPart(_latent.AsSpan(_layout.CustomerFeature(customer) * Block, Block),
            _itemConstant.AsSpan(month * _layout.Items, _layout.Items), item);

    /// <summary>Everything in the response that depends on the item: its own terms, the month's and the customer's interactions with it.</summary>
    private float ItemPart(ReadOnlySpan<float> customer, ReadOnlySpan<float> monthConstants, int item) =>
        monthConstants[item] + _x * _x * Dot(customer, _facing.AsSpan(item * Block, Block));

    /// <summary>The raw response through ML.NET's own prediction engine (only on a model trained in this process).</summary>
    internal float ResponseWithMlNet(int customer, int item, int month)
    {
        if (_ml is null || _mlNet is null)
        {
            throw new InvalidOperationException("Only a freshly trained model keeps ML.NET's own model.");
        }
        var engine = _ml.Model.CreatePredictionEngine<FactorizationRow, FactorizationScore>(_mlNet, inputSchemaDefinition: _layout.Schema());
        return engine.Predict(_layout.Row(customer, item, month, false)).Score;
    }

    internal bool Knows(int customer, int item) => _knownCustomer[customer] && Array.BinarySearch(_knownItems, item) >= 0;

    private float CustomerConstant(int c, int month)
    {
        var customer = (Field: FactorizationLayout.CustomerField, Feature: _layout.CustomerFeature(c));
        var monthFeature = (Field: FactorizationLayout.ContextField, Feature: _layout.MonthFeature(month));
        return _x * _linear[customer.Feature] + _x * _x * Pair(customer, monthFeature);
    }

    /// <summary>The interaction of two features: each one's latent vector for the other's field.</summary>
    private float Pair((int Field, int Feature) a, (int Field, int Feature) b) => Dot(V(a.Feature, b.Field), V(b.Feature, a.Field));

    private ReadOnlySpan<float> V(int feature, int field) => _latent.AsSpan((feature * Fields + field) * D, D);

    // SIMD: the catalog-wide scoring is a few thousand of these per suggestion list.
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sums = Vector<float>.Zero;
        var k = 0;
        for (; k + Vector<float>.Count <= a.Length; k += Vector<float>.Count)
        {
            sums += new Vector<float>(a[k..]) * new Vector<float>(b[k..]);
        }
        var sum = Vector.Sum(sums);
        for (; k < a.Length; k++)
        {
            sum += a[k] * b[k];
        }
        return sum;
    }

    private static float Sigmoid(float x) => 1f / (1f + MathF.Exp(-x));

    private int[] Profile(IReadOnlyList<HistoryEntry> history) =>
    [
        .. history.Where(h => h.Item >= 0 && h.Item < _facingNorm.Length && _facingNorm[h.Item] > 0)
            .OrderByDescending(h => h.Affinity).ThenBy(h => h.Item).Take(ProfileItems).Select(h => h.Item),
    ];

    /// <summary>The history product whose learned vector points most the same way as the suggestion's, or -1.</summary>
    private int Anchor(int item, int[] profile)
    {
        var best = -1;
        var bestCosine = 0f;
        var facing = _facing.AsSpan(item * Block, Block);
        foreach (var h in profile)
        {
            if (h == item)
            {
                continue;
            }
            var cosine = Dot(facing, _facing.AsSpan(h * Block, Block)) / (_facingNorm[item] * _facingNorm[h]);
            if (cosine > bestCosine)
            {
                best = h;
                bestCosine = cosine;
            }
        }
        return best;
    }

    public void Write(BinaryWriter w)
    {
        w.Write(LatentDimension);
        _layout.Write(w);
        w.Write(_knownCustomer.Length);
        foreach (var known in _knownCustomer)
        {
            w.Write(known);
        }
        w.Write(_knownItems.Length);
        foreach (var i in _knownItems)
        {
            w.Write(i);
        }
        WriteFloats(w, _linear);
        WriteFloats(w, _latent);
    }

    public static FactorizationModel Read(BinaryReader r)
    {
        var dimension = r.ReadInt32();
        if (dimension != LatentDimension)
        {
            throw new InvalidDataException($"This factorization machine has latent dimension {dimension}; this version of RetailRecs serves {LatentDimension}. Train it again.");
        }
        var layout = FactorizationLayout.Read(r);
        var knownCustomer = new bool[r.ReadInt32()];
        for (var c = 0; c < knownCustomer.Length; c++)
        {
            knownCustomer[c] = r.ReadBoolean();
        }
        var knownItem = new bool[layout.Items];
        var count = r.ReadInt32();
        for (var k = 0; k < count; k++)
        {
            knownItem[r.ReadInt32()] = true;
        }
        return new FactorizationModel(layout, ReadFloats(r), ReadFloats(r), knownCustomer, knownItem);
    }

    private static void WriteFloats(BinaryWriter w, float[] values)
    {
        w.Write(values.Length);
        foreach (var v in values)
        {
            w.Write(v);
        }
    }

    private static float[] ReadFloats(BinaryReader r)
    {
        var values = new float[r.ReadInt32()];
        for (var k = 0; k < values.Length; k++)
        {
            values[k] = r.ReadSingle();
        }
        return values;
    }
}
