using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Categories for a catalog that has none: product texts clustered with ML.NET K-means over their TF-IDF vectors,
/// each cluster named after the terms that weigh most in its centroid ("Heart / Holder / Light").
/// </summary>
public static class AutoCategoriser
{
    public sealed record Result(IReadOnlyList<string> CategoryOfText, IReadOnlyList<string> Names);

    /// <summary>A cluster count that grows with the catalog: about √(n/2), between 4 and 60.</summary>
    public static int DefaultClusters(int texts) => Math.Clamp((int)Math.Round(Math.Sqrt(texts / 2.0)), 4, 60);

    /// <summary>A cluster this many times the average size is a catch-all of loosely related texts: it is split again.</summary>
    public const double CatchAllFactor = 3;

    public static Result Categorise(TextFeatures features, int? clusters = null)
    {
        var n = features.Vectors.Length;
        if (n == 0)
        {
            return new Result([], []);
        }
        var k = Math.Min(n, clusters ?? DefaultClusters(n));
        var ml = features.Context;
        // Over the vectors in memory: K-means passes over its data many times (TextFeatures keeps no lazy view).
        var (assigned, centroids) = Cluster(ml, Subset(ml, features, [.. Enumerable.Range(0, n)]), k);

        // K-means on sparse text leaves one or two huge clusters of texts that share little; each is clustered again
        // on its own (and its parts again, a few levels deep) so no group holds a quarter of the catalog.
        var average = (double)n / k;
        var groups = new List<(int[] Members, VBuffer<float> Centroid)>();
        void Add(int[] members, VBuffer<float> centroid, int depth)
        {
            if (members.Length <= CatchAllFactor * average || members.Length < 30 || depth == 3)
            {
                groups.Add((members, centroid));
                return;
            }
            var parts = Math.Clamp((int)Math.Round(members.Length / average), 2, 12);
            var (subAssigned, subCentroids) = Cluster(ml, Subset(ml, features, members), parts);
            var split = Enumerable.Range(0, parts).Select(p => members.Where((_, i) => subAssigned[i] == p).ToArray()).ToList();
            if (split.Count(part => part.Length > 0) < 2)
            {
                groups.Add((members, centroid)); // nothing to split along
                return;
            }
            for (var p = 0; p < parts; p++)
            {
                if (split[p].Length > 0)
                {
                    Add(split[p], subCentroids[p], depth + 1);
                }
            }
        }
        for (var c = 0; c < k; c++)
        {
            var members = Enumerable.Range(0, n).Where(i => assigned[i] == c).ToArray();
            if (members.Length > 0)
            {
                Add(members, centroids[c], 0);
            }
        }

        var names = new string[groups.Count];
        var categoryOfText = new string[n];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var g = 0; g < groups.Count; g++)
        {
            var name = NameOf(groups[g].Centroid, features.Terms);
            var unique = name;
            for (var suffix = 2; !used.Add(unique); suffix++)
            {
                unique = $"{name} ({suffix})";
            }
            names[g] = unique;
            foreach (var i in groups[g].Members)
            {
                categoryOfText[i] = unique;
            }
        }
        return new Result(categoryOfText, names);
    }

    /// <summary>0-based cluster of each row and the clusters' centroids.</summary>
    private static (int[] Assigned, VBuffer<float>[] Centroids) Cluster(MLContext ml, IDataView data, int k)
    {
        var model = ml.Clustering.Trainers.KMeans("Features", numberOfClusters: k).Fit(data);
        var assigned = model.Transform(data).GetColumn<uint>("PredictedLabel").Select(a => (int)a - 1).ToArray();
        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out _);
        return (assigned, centroids);
    }

    private sealed class Row
    {
        public VBuffer<float> Features { get; set; }
    }

    private static IDataView Subset(MLContext ml, TextFeatures features, int[] members)
    {
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, features.Terms.Length);
        return ml.Data.LoadFromEnumerable(members.Select(i => new Row { Features = features.Vectors[i] }), schema);
    }

    // Colours split a catalog's variants but make poor category names ("Pink / Photo / Frame").
    private static readonly HashSet<string> Colours = new(StringComparer.OrdinalIgnoreCase)
    {
        "red", "pink", "blue", "green", "white", "black", "ivory", "cream", "yellow", "orange", "purple", "gold", "silver", "grey", "brown",
    };

    private static string NameOf(VBuffer<float> centroid, string[] terms)
    {
        var top = new List<(string Term, float Weight)>();
        var values = centroid.GetValues();
        var indices = centroid.GetIndices();
        for (var t = 0; t < values.Length; t++)
        {
            var slot = centroid.IsDense ? t : indices[t];
            // Single words name a group best; word pairs would repeat them.
            if (values[t] > 0 && !Colours.Contains(terms[slot]) && !terms[slot].Contains('|') && terms[slot].Length > 1 && !terms[slot].Any(char.IsDigit))
            {
                top.Add((terms[slot], values[t]));
            }
        }
        var words = top.OrderByDescending(t => t.Weight).Take(3).Select(t => Title(t.Term)).ToList();
        return words.Count == 0 ? "Other" : string.Join(" / ", words);
    }

    private static string Title(string word) => CultureInfo.InvariantCulture.TextInfo.ToTitleCase(word.ToLowerInvariant());
}
