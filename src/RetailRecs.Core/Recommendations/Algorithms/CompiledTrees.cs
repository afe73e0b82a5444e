using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers.FastTree;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// The trees of a trained ML.NET tree ensemble (LightGBM here) copied into flat arrays and walked directly. Scoring a
/// hundred candidates through a PredictionEngine costs milliseconds of per-row plumbing; the walk costs microseconds.
/// Same arithmetic as ML.NET (go left when value ≤ threshold, sum weighted leaf values plus bias); a test checks
/// both give the same scores.
/// </summary>
internal sealed class CompiledTrees
{
    private readonly Tree[] _trees;
    private readonly double _bias;

    private sealed record Tree(int[] Left, int[] Right, int[] Feature, float[] Threshold, double[] Leaf, double Weight);

    private CompiledTrees(Tree[] trees, double bias)
    {
        _trees = trees;
        _bias = bias;
    }

    public int Count => _trees.Length;

    /// <summary>Null when the transformer is not a numerical-split tree ensemble (then the caller uses ML.NET itself).</summary>
    public static CompiledTrees? From(ITransformer transformer)
    {
        if (transformer is not ISingleFeaturePredictionTransformer<TreeEnsembleModelParametersBasedOnRegressionTree> predictor)
        {
            return null;
        }
        var ensemble = predictor.Model.TrainedTreeEnsemble;
        var trees = new Tree[ensemble.Trees.Count];
        for (var t = 0; t < trees.Length; t++)
        {
            var tree = ensemble.Trees[t];
            if (tree.CategoricalSplitFlags.Any(f => f))
            {
                return null;
            }
            trees[t] = new Tree([.. tree.LeftChild], [.. tree.RightChild], [.. tree.NumericalSplitFeatureIndexes],
                [.. tree.NumericalSplitThresholds], [.. tree.LeafValues], ensemble.TreeWeights[t]);
        }
        return new CompiledTrees(trees, ensemble.Bias);
    }

    /// <summary>
    /// The score after the first <paramref name="step"/>, 2 × <paramref name="step"/>, … trees, into
    /// <paramref name="scores"/> (one slot per stage): how a model with fewer trees would have scored, from one walk.
    /// </summary>
    public void Staged(ReadOnlySpan<float> features, int step, Span<float> scores)
    {
        var sum = _bias;
        for (var t = 0; t < _trees.Length; t++)
        {
            sum += Walk(_trees[t], features);
            if ((t + 1) % step == 0 && (t + 1) / step - 1 < scores.Length)
            {
                scores[(t + 1) / step - 1] = (float)sum;
            }
        }
        for (var s = _trees.Length / step; s < scores.Length; s++)
        {
            scores[s] = (float)sum;
        }
    }

    private static double Walk(Tree tree, ReadOnlySpan<float> features)
    {
        var node = 0;
        if (tree.Leaf.Length > 1)
        {
            while (node >= 0)
            {
                node = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
            }
            node = ~node;
        }
        return tree.Weight * tree.Leaf[node];
    }

    public float Score(ReadOnlySpan<float> features)
    {
        var sum = _bias;
        foreach (var tree in _trees)
        {
            var node = 0;
            if (tree.Leaf.Length > 1)
            {
                while (node >= 0)
                {
                    node = features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
                }
                node = ~node;
            }
            sum += tree.Weight * tree.Leaf[node];
        }
        return (float)sum;
    }
}
