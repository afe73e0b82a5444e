using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms.Text;
using RetailRecs.Core.Common;
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

    private TextFeatures(VBuffer<float>[] vectors, string[] terms, MLContext ml)
    {
        Vectors = vectors;
        Terms = terms;
        Context = ml;
    }

    /// <summary>One vector per input text, in input order.</summary>
    public VBuffer<float>[] Vectors { get; }
    /// <summary>The term of each vector slot (word pairs joined by '|').</summary>
    public string[] Terms { get; }
    internal MLContext Context { get; }

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
        // The transformed view is not kept: it is lazy, and every pass of a trainer over it would tokenise the texts again
        // (K-means passes many times: 5.9 s over the lazy view at 10x, 2.3 s over the vectors in memory).
        return new TextFeatures(vectors, terms, ml);
    }

    /// <summary>
    /// Terms shared by more texts than this are left out of the neighbour search. Walking a term's texts for each of its
    /// texts costs the square of their number: on a chain's catalog the commonest words ("set", "pink": 35,900 and
    /// 31,900 of 381,216 products at 100× the Online Retail data) made the search grow with the square of the catalog
    /// (1.1 s at 1×, 3.0 s at 10×, 371 s at 100×). Such a word says little about which products are alike, and its
    /// TF-IDF weight is the lowest; below the limit (every term of the Online Retail catalog: at most 359 products)
    /// nothing changes.
    /// </summary>
    public const int CommonTermLimit = 1_000;

    /// <summary>
    /// For every text, its <paramref name="k"/> most similar others by cosine, through an inverted index over terms
    /// (without the terms of more than <see cref="CommonTermLimit"/> texts: a similarity then sums the other terms only).
    /// </summary>
    public ItemNeighbours NearestNeighbours(int k, CancellationToken ct = default)
    {
        var n = Vectors.Length;
        var postings = new List<(int Item, float Weight)>?[Terms.Length];
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
        // The common terms' lists are set aside: a text with no other term still finds its neighbours through them.
        var common = new List<(int Item, float Weight)>?[Terms.Length];
        for (var slot = 0; slot < postings.Length; slot++)
        {
            if (postings[slot]?.Count > CommonTermLimit)
            {
                (common[slot], postings[slot]) = (postings[slot], null);
            }
        }
        var rows = new int[n][];
        var sims = new float[n][];
        // One worker per core: each holds a row as long as the catalog.
        Parallel.For(0, n, PerCore.Options(ct), () => (Row: new float[n], Touched: new List<int>()),
            (i, _, scratch) =>
            {
                var (row, touched) = scratch;
                var v = Vectors[i];
                Accumulate(v, postings, row, touched);
                if (touched.Count <= 1)
                {
                    Accumulate(v, common, row, touched); // only common words ("pink set"): compared on them after all
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

    /// <summary>Adds the products of each of <paramref name="v"/>'s terms found in <paramref name="postings"/> to the row.</summary>
    private static void Accumulate(VBuffer<float> v, List<(int Item, float Weight)>?[] postings, float[] row, List<int> touched)
    {
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
    }
}
