using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// ML.NET K-means over encoded customers, trying every number of segments in a range and keeping the one with the best
/// silhouette (unless a manager fixed it), and ML.NET PCA down to two dimensions for the segment map.
/// </summary>
public static class Clustering
{
    /// <summary>The quality of one candidate number of segments, for the chart a manager overrides the choice from.</summary>
    public sealed record KScore(int K, double Silhouette, double DaviesBouldin);

    public sealed record Result(int K, int[] Labels, IReadOnlyList<KScore> Scores, float[][] Map);

    private sealed class Point
    {
        public float[] Features { get; set; } = [];
    }

    public static Result Run(float[][] points, int minK, int maxK, int? fixedK, int seed, IProgress<double>? progress = null, CancellationToken ct = default)
    {
        var dims = points[0].Length;
        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Point));
        schema[nameof(Point.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, dims);
        var data = ml.Data.LoadFromEnumerable(points.Select(p => new Point { Features = p }), schema);
        // Cached: K-means passes over the data many times for every k.
        data = ml.Data.Cache(data);

        maxK = Math.Min(maxK, points.Length - 1);
        var candidates = fixedK is { } f ? [f] : Enumerable.Range(minK, Math.Max(1, maxK - minK + 1)).ToArray();
        var scores = new List<KScore>();
        int[]? best = null;
        var bestK = 0;
        var bestSilhouette = double.MinValue;
        // Every k in the range is scored even when one is fixed, so the chart still shows the manager the alternatives.
        var scored = Enumerable.Range(minK, Math.Max(1, maxK - minK + 1)).Union(candidates).Order().ToArray();
        for (var i = 0; i < scored.Length; i++)
        {
            ct.ThrowIfCancellationRequested();
            var k = scored[i];
            var labels = Cluster(ml, data, k);
            var score = new KScore(k, ClusterQuality.Silhouette(points, labels, k), ClusterQuality.DaviesBouldin(points, labels, k));
            scores.Add(score);
            if (candidates.Contains(k) && score.Silhouette > bestSilhouette)
            {
                (best, bestK, bestSilhouette) = (labels, k, score.Silhouette);
            }
            progress?.Report((i + 1.0) / scored.Length);
        }

        var pca = ml.Transforms.ProjectToPrincipalComponents("Map", nameof(Point.Features), rank: Math.Min(2, dims), seed: seed)
            .Fit(data).Transform(data);
        // A point PCA cannot place (NaN from a degenerate column) is drawn at the centre: the database refuses NaN,
        // and a map is not worth failing the whole segmentation for.
        var map = pca.GetColumn<float[]>("Map").Select(v => (v.Length == 2 ? v : [v[0], 0f]).Select(x => float.IsFinite(x) ? x : 0f).ToArray()).ToArray();
        return new Result(bestK, Relabel(best!, bestK), scores, map);
    }

    private static int[] Cluster(MLContext ml, IDataView data, int k)
    {
        var trainer = ml.Clustering.Trainers.KMeans(new KMeansTrainer.Options
        {
            FeatureColumnName = nameof(Point.Features),
            NumberOfClusters = k,
            InitializationAlgorithm = KMeansTrainer.InitializationAlgorithm.KMeansPlusPlus,
            // One thread keeps the result the same run after run.
            NumberOfThreads = 1,
        });
        var model = trainer.Fit(data);
        return model.Transform(data).GetColumn<uint>("PredictedLabel").Select(l => (int)l - 1).ToArray();
    }

    /// <summary>Numbers segments by size, largest first, so "segment 1" means the same kind of thing from run to run.</summary>
    private static int[] Relabel(int[] labels, int k)
    {
        var order = Enumerable.Range(0, k).OrderByDescending(c => labels.Count(l => l == c)).ThenBy(c => c).ToArray();
        var map = new int[k];
        for (var rank = 0; rank < k; rank++)
        {
            map[order[rank]] = rank;
        }
        return labels.Select(l => map[l]).ToArray();
    }
}
