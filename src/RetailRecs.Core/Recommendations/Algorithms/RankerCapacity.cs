using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;
using RetailRecs.Core.Common;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Chooses how much the hybrid's ranker may learn — leaves per tree, number of trees, and how many cut-off dates its
/// examples come from — on customers it does not learn from, then learns with that choice from every example.
/// A fixed capacity cannot fit every shop: 150 trees of 31 leaves overfit a grocer with 500 customers, and a small
/// fixed capacity lost a quarter of the new-product quality on Online Retail (issue #17).
/// </summary>
internal static class RankerCapacity
{
    /// <summary>Leaves per tree tried, smallest first (a larger one must beat a smaller by more than its noise).</summary>
    public static readonly int[] LeafChoices = [7, 31];
    public const int MaxTrees = 200;
    /// <summary>
    /// Candidates a customer contributes to learning: all they bought and this many of the rest, drawn at random. A
    /// customer has about 180 candidates, nearly all not bought; learning from a sample of those costs a quarter of
    /// the time, which is what lets several capacities be tried within the training budget.
    /// </summary>
    public const int NegativesPerCustomer = 40;
    /// <summary>Trees are counted in steps of this many (early stopping on the validation customers).</summary>
    public const int TreeStep = 10;
    /// <summary>Share of each cut-off's customers kept aside to choose the capacity.</summary>
    public const double ValidationShare = 0.2;
    public const int MinValidationGroups = 20;
    private const int K = 10;
    private const double LearningRate = 0.1;
    private const int MinExamplesPerLeaf = 20;

    /// <summary>One customer at one cut-off: their candidates' rows in the example list, and whether they validate.</summary>
    public sealed record Group(int CutOff, int First, int Count, bool Validation);

    /// <summary>What validation chose, and the NDCG@10 over the validation customers' candidates that chose it (null when too few to choose).</summary>
    public sealed record Choice(int Leaves, int Trees, int CutOffs, double? ValidationNdcg, int TrainingCustomers, int ValidationCustomers);

    /// <summary>The choice when there are too few validation customers to measure anything: a small model.</summary>
    public static readonly Choice Fallback = new(7, 100, 1, null, 0, 0);

    /// <summary>A ranker stored before capacities were chosen (the fixed 31 leaves, 150 trees, one cut-off).</summary>
    public static readonly Choice Unknown = new(31, 150, 1, null, 0, 0);

    /// <summary>
    /// Learns a model per capacity tried on the customers that do not validate and keeps the one whose validation
    /// customers rank best (the smaller, when within its noise); too few validation customers: <see cref="Fallback"/>.
    /// </summary>
    /// <returns>
    /// The choice, and the model the search learned with it (<see cref="MaxTrees"/> trees, from the customers that do
    /// not validate; its first <see cref="Choice.Trees"/> are the model of that capacity), or null with the fallback.
    /// </returns>
    public static (Choice Chosen, byte[]? Learned) Choose(List<HybridRow> rows, IReadOnlyList<Group> groups, int seed, CancellationToken ct)
    {
        var validation = groups.Where(g => g.Validation && HasPositive(rows, g)).ToList();
        var cutOffs = groups.Max(g => g.CutOff) + 1;
        Choice chosen;
        byte[]? learned = null;
        if (validation.Count < MinValidationGroups)
        {
            chosen = Fallback with { CutOffs = cutOffs, TrainingCustomers = groups.Count };
        }
        else
        {
            // More cut-offs only when there are some: the latest alone, then every one (older examples may help or mislead).
            var windows = cutOffs == 1 ? new[] { 1 } : [1, cutOffs];
            var configs = windows.SelectMany(w => LeafChoices.Select(leaves => (Window: w, Leaves: leaves))).ToList();
            // Per configuration: each validation customer's NDCG@10 after each step of trees.
            var staged = new double[configs.Count][][];
            var models = new byte[configs.Count][];
            // One LightGBM thread per model and the models side by side: on a machine shared with other work, LightGBM's
            // own threads wait on each other (a fit took ten times as long under load), single-threaded ones do not.
            Parallel.For(0, configs.Count, PerCore.Options(ct), i =>
            {
                var (window, leaves) = configs[i];
                var train = Sample(rows, groups.Where(g => !g.Validation && g.CutOff < window), seed);
                var ml = new MLContext(seed);
                var model = Train(train, leaves, MaxTrees, seed, ml, out var schema);
                staged[i] = StagedNdcg(CompiledTrees.From(model)!, rows, validation);
                models[i] = Save(ml, model, schema);
            });
            // Each configuration at its best number of trees (the fewest at the highest mean), and the best of them (the
            // first listed at equal means: fewer cut-offs, then fewer leaves).
            var stage = staged.Select(perStage => Enumerable.Range(0, perStage.Length).MaxBy(s => perStage[s].Average())).ToArray();
            var top = Enumerable.Range(0, configs.Count).MaxBy(i => staged[i][stage[i]].Average());
            // Fewer leaves win when the best's lead over them is within its noise: a few hundred validation customers
            // cannot tell two rankers a hair apart, and the larger trees then mostly fit their examples' quirks. (On
            // Online Retail at 2011-11-09, 31 leaves led 7 by 0.0001 over 477 validation customers and lost 0.003 on the
            // test weeks.)
            var pick = Enumerable.Range(0, top).FirstOrDefault(
                i => configs[i].Window == configs[top].Window && WithinOneStandardError(staged[top][stage[top]], staged[i][stage[i]]), top);
            var (window, leaves) = configs[pick];
            chosen = new Choice(leaves, (stage[pick] + 1) * TreeStep, window, staged[pick][stage[pick]].Average(),
                groups.Count(g => g.CutOff < window && !g.Validation), validation.Count);
            learned = models[pick];
        }
        return (chosen, learned);
    }

    /// <summary>
    /// The final model with a capacity already chosen (by this search, or by another hybrid's of the same training job):
    /// it learns from every example of the chosen window, the validation customers included.
    /// </summary>
    public static (byte[] Model, Choice Chosen) FitWith(Choice chosen, List<HybridRow> rows, IReadOnlyList<Group> groups, int seed)
    {
        var all = Sample(rows, groups.Where(g => g.CutOff < chosen.CutOffs), seed);
        var ml = new MLContext(seed);
        var model = Train(all, chosen.Leaves, chosen.Trees, seed, ml, out var schema);
        return (Save(ml, model, schema), chosen);
    }

    private static byte[] Save(MLContext ml, ITransformer model, DataViewSchema schema)
    {
        using var buffer = new MemoryStream();
        ml.Model.Save(model, schema, buffer);
        return buffer.ToArray();
    }

    private static ITransformer Train(List<HybridRow> rows, int leaves, int trees, int seed, MLContext ml, out DataViewSchema schema)
    {
        var view = ml.Data.LoadFromEnumerable(rows);
        schema = view.Schema;
        // The group id becomes a key column for LambdaRank; serving needs only the ranker, which reads Features.
        var keyed = ml.Transforms.Conversion.MapValueToKey("GroupKey", nameof(HybridRow.Group)).Fit(view).Transform(view);
        return ml.Ranking.Trainers.LightGbm(new LightGbmRankingTrainer.Options
        {
            LabelColumnName = nameof(HybridRow.Label),
            FeatureColumnName = nameof(HybridRow.Features),
            RowGroupColumnName = "GroupKey",
            NumberOfLeaves = leaves,
            MinimumExampleCountPerLeaf = MinExamplesPerLeaf,
            LearningRate = LearningRate,
            NumberOfIterations = trees,
            Seed = seed,
            NumberOfThreads = 1,
        }).Fit(keyed);
    }

    /// <summary>Each validation customer's NDCG@10 over their candidates ordered by the model cut after each step of trees ([stage][customer]).</summary>
    private static double[][] StagedNdcg(CompiledTrees trees, List<HybridRow> rows, IReadOnlyList<Group> validation)
    {
        var stages = MaxTrees / TreeStep;
        var ndcg = Enumerable.Range(0, stages).Select(_ => new double[validation.Count]).ToArray();
        var scores = new float[stages];
        for (var v = 0; v < validation.Count; v++)
        {
            var g = validation[v];
            var perStage = new float[stages][];
            for (var s = 0; s < stages; s++)
            {
                perStage[s] = new float[g.Count];
            }
            for (var r = 0; r < g.Count; r++)
            {
                trees.Staged(rows[g.First + r].Features, TreeStep, scores);
                for (var s = 0; s < stages; s++)
                {
                    perStage[s][r] = scores[s];
                }
            }
            for (var s = 0; s < stages; s++)
            {
                ndcg[s][v] = Ndcg(rows, g, perStage[s]);
            }
        }
        return ndcg;
    }

    /// <summary>
    /// True when <paramref name="best"/>'s mean lead over <paramref name="other"/>, customer by customer, is at most one
    /// standard error of that lead (the one-standard-error rule; Hastie, Tibshirani and Friedman, ESL §7.10).
    /// </summary>
    internal static bool WithinOneStandardError(double[] best, double[] other)
    {
        var lead = best.Zip(other, (b, o) => b - o).ToArray();
        var mean = lead.Average();
        var variance = lead.Sum(d => (d - mean) * (d - mean)) / Math.Max(1, lead.Length - 1);
        return mean <= Math.Sqrt(variance / lead.Length);
    }

    private static double Ndcg(List<HybridRow> rows, Group g, float[] scores)
    {
        var order = Enumerable.Range(0, g.Count).OrderByDescending(i => scores[i]).ThenBy(i => i).Take(K).ToList();
        var dcg = 0.0;
        for (var rank = 0; rank < order.Count; rank++)
        {
            if (rows[g.First + order[rank]].Label > 0)
            {
                dcg += 1 / Math.Log2(rank + 2);
            }
        }
        var positives = Math.Min(K, Enumerable.Range(g.First, g.Count).Count(i => rows[i].Label > 0));
        var ideal = 0.0;
        for (var rank = 0; rank < positives; rank++)
        {
            ideal += 1 / Math.Log2(rank + 2);
        }
        return dcg / ideal;
    }

    private static bool HasPositive(List<HybridRow> rows, Group g)
    {
        for (var i = g.First; i < g.First + g.Count; i++)
        {
            if (rows[i].Label > 0)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Each group's positives and at most <see cref="NegativesPerCustomer"/> of its negatives (the same ones for every capacity tried).</summary>
    private static List<HybridRow> Sample(List<HybridRow> rows, IEnumerable<Group> groups, int seed)
    {
        var selected = new List<HybridRow>();
        foreach (var g in groups)
        {
            var random = new Random(unchecked(seed * 1_000_003 + g.First));
            var negatives = Enumerable.Range(g.First, g.Count).Where(i => rows[i].Label == 0).OrderBy(_ => random.Next()).Take(NegativesPerCustomer).ToHashSet();
            for (var i = g.First; i < g.First + g.Count; i++)
            {
                if (rows[i].Label > 0 || negatives.Contains(i))
                {
                    selected.Add(rows[i]);
                }
            }
        }
        return selected;
    }
}
