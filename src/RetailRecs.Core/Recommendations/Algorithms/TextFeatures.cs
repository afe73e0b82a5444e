using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Algorithms;

/// <summary>
/// Product text turned into sparse TF-IDF vectors of words and word pairs with ML.NET's text transforms
/// (normalise, tokenise, drop stop words, n-grams weighted by TF-IDF, L2-normalised so a dot product is a cosine).
/// Shared by the content-based model and the automatic categories.
/// </summary>
public sealed class TextFeatures
{
    private sealed class TextRow
    {
        public string Text { get; set; } = "";
    }

    private TextFeatures(VBuffer<float>[] vectors, string[] terms, MLContext ml, IDataView features)
    {
        Vectors = vectors;
        Terms = terms;
        Context = ml;
        Features = features;
    }

    /// <summary>One vector per input text, in input order.</summary>
    public VBuffer<float>[] Vectors { get; }
    /// <summary>The term of each vector slot (word pairs joined by '|').</summary>
    public string[] Terms { get; }
    internal MLContext Context { get; }
    /// <summary>The transformed data, with the vectors in column "Features" (for ML.NET trainers).</summary>
    internal IDataView Features { get; }

    public static TextFeatures Build(IReadOnlyList<string> texts, int seed = 1)
    {
        var ml = new MLContext(seed);
        var data = ml.Data.LoadFromEnumerable(texts.Select(t => new TextRow { Text = t }));
        var pipeline = ml.Transforms.Text.NormalizeText("Normalised", nameof(TextRow.Text), keepNumbers: false)
            .Append(ml.Transforms.Text.TokenizeIntoWords("Tokens", "Normalised", separators: [' ', '/', '-', ',', '.', '&', '+', '(', ')', '\'']))
            .Append(ml.Transforms.Text.RemoveDefaultStopWords("Tokens"))
            .Append(ml.Transforms.Conversion.MapValueToKey("Tokens"))
            .Append(ml.Transforms.Text.ProduceNgrams("Features", "Tokens", ngramLength: 2, useAllLengths: true,
                weighting: NgramExtractingEstimator.WeightingCriteria.TfIdf))
            .Append(ml.Transforms.NormalizeLpNorm("Features"));
        var transformed = pipeline.Fit(data).Transform(data);
        // GetColumn hands out buffers it may reuse for the next row: each vector is copied before the next is read.
        var vectors = transformed.GetColumn<VBuffer<float>>("Features").Select(v =>
        {
            var copy = default(VBuffer<float>);
            v.CopyTo(ref copy);
            return copy;
        }).ToArray();
        var slotNames = default(VBuffer<ReadOnlyMemory<char>>);
        transformed.Schema["Features"].GetSlotNames(ref slotNames);
        var terms = slotNames.DenseValues().Select(s => s.ToString()).ToArray();
        return new TextFeatures(vectors, terms, ml, transformed);
    }

    /// <summary>For every text, its <paramref name="k"/> most similar others by cosine, through an inverted index over terms.</summary>
    public ItemNeighbours NearestNeighbours(int k, CancellationToken ct = default)
    {
        var n = Vectors.Length;
        var postings = new List<(int Item, float Weight)>[Terms.Length];
        for (var i = 0; i < n; i++)
        {
            var v = Vectors[i];
            var indices = v.GetIndices();
            var values = v.GetValues();
            for (var t = 0; t < values.Length; t++)
            {
                var slot = v.IsDense ? t : indices[t];
                if (values[t] != 0)
                {
                    (postings[slot] ??= []).Add((i, values[t]));
                }
            }
        }
        var rows = new int[n][];
        var sims = new float[n][];
        Parallel.For(0, n, new ParallelOptions { CancellationToken = ct }, () => (Row: new float[n], Touched: new List<int>()),
            (i, _, scratch) =>
            {
                var (row, touched) = scratch;
                var v = Vectors[i];
                var indices = v.GetIndices();
                var values = v.GetValues();
                for (var t = 0; t < values.Length; t++)
                {
                    var slot = v.IsDense ? t : indices[t];
                    if (values[t] == 0 || postings[slot] is not { } list)
                    {
                        continue;
                    }
                    foreach (var (j, w) in list)
                    {
                        if (row[j] == 0)
                        {
                            touched.Add(j);
                        }
                        row[j] += values[t] * w;
                    }
                }
                (rows[i], sims[i]) = ItemNeighbours.TopOfRow(touched, row, i, k);
                foreach (var j in touched)
                {
                    row[j] = 0;
                }
                touched.Clear();
                return scratch;
            },
            _ => { });
        return new ItemNeighbours(rows, sims);
    }
}
