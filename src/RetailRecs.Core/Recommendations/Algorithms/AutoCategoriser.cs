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

    public static Result Categorise(TextFeatures features, int? clusters = null)
    {
        var n = features.Vectors.Length;
        if (n == 0)
        {
            return new Result([], []);
        }
        var k = Math.Min(n, clusters ?? DefaultClusters(n));
        var ml = features.Context;
        var trainer = ml.Clustering.Trainers.KMeans("Features", numberOfClusters: k);
        var model = trainer.Fit(features.Features);
        var assigned = model.Transform(features.Features).GetColumn<uint>("PredictedLabel").ToArray();

        VBuffer<float>[] centroids = [];
        model.Model.GetClusterCentroids(ref centroids, out _);
        var names = new string[k];
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var c = 0; c < k; c++)
        {
            var name = NameOf(centroids[c], features.Terms);
            var unique = name;
            for (var suffix = 2; !used.Add(unique); suffix++)
            {
                unique = $"{name} ({suffix})";
            }
            names[c] = unique;
        }
        return new Result(assigned.Select(a => names[(int)a - 1]).ToList(), names);
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
