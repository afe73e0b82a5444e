using Microsoft.ML;
using Microsoft.ML.Data;

namespace RetailRecs.Core.Segmentation;

/// <summary>
/// Turns <see cref="CustomerFeatures"/> into the numeric vectors K-means and PCA work on, with ML.NET transforms:
/// skewed amounts log-scaled, behaviour standardised (mean 0, variance 1) so no unit dominates the distances,
/// demographic fields one-hot encoded, category shares kept as shares (0–1).
/// </summary>
public static class FeatureEncoder
{
    /// <summary>A demographic field is used only when at least this share of customers has it; otherwise it is mostly "unknown".</summary>
    public const double MinimumCoverage = 0.3;

    public const string MonetaryName = "Monetary (log net spend)";

    public static readonly string[] BehaviourNames =
    [
        "Recency (log days)", "Frequency (log orders)", MonetaryName, "Average basket (log items)",
        "Average basket (log value)", "Return rate", "Tenure (log days)",
    ];

    /// <summary>Behaviour slots that only a price can give (spend, basket value, share of value returned).</summary>
    public static readonly int[] MoneySlots = [2, 4, 5];

    /// <param name="BehaviourSlots">Which of <see cref="BehaviourNames"/> the first columns hold, in order.</param>
    public sealed record Matrix(float[][] Rows, IReadOnlyList<string> Names, IReadOnlyList<int> BehaviourSlots);

    private sealed class Row
    {
        public float[] Behaviour { get; set; } = [];
        public float[] Shares { get; set; } = [];
        public string AgeBand { get; set; } = "";
        public string Gender { get; set; } = "";
        public string Region { get; set; } = "";
    }

    /// <param name="spendKnown">
    /// False when the sales have no prices: the money features are left out rather than fed in as zeros (a column
    /// that is the same for everyone carries nothing, and ML.NET's PCA turned such columns into NaN), and category
    /// shares are named as shares of units.
    /// </param>
    public static Matrix Encode(IReadOnlyList<CustomerFeatures> customers, IReadOnlyList<string> categories, int seed = 1, bool spendKnown = true)
    {
        var shareNames = categories.Append("Other").ToArray();
        var slots = Enumerable.Range(0, BehaviourNames.Length).Where(d => spendKnown || !MoneySlots.Contains(d)).ToArray();
        var rows = customers.Select(c =>
        {
            float[] behaviour =
            [
                Log(c.RecencyDays), Log(c.Frequency), Log(c.Monetary), Log(c.AverageBasketItems), Log(c.AverageBasketValue),
                (float)c.ReturnRate, Log(c.TenureDays),
            ];
            return new Row
            {
                Behaviour = [.. slots.Select(d => behaviour[d])],
                Shares = [.. shareNames.Select(n => (float)c.CategoryShares.GetValueOrDefault(n))],
                AgeBand = c.AgeBand ?? "unknown",
                Gender = c.Gender ?? "unknown",
                Region = c.Region ?? "unknown",
            };
        }).ToList();

        var ml = new MLContext(seed);
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Behaviour)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, slots.Length);
        schema[nameof(Row.Shares)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, shareNames.Length);
        var data = ml.Data.LoadFromEnumerable(rows, schema);

        // fixZero: false makes it a true z-score (subtract the mean), not only a rescale.
        IEstimator<ITransformer> pipeline = ml.Transforms.NormalizeMeanVariance(nameof(Row.Behaviour), fixZero: false);
        var names = slots.Select(d => BehaviourNames[d]).ToList();
        var columns = new List<string> { nameof(Row.Behaviour) };
        foreach (var (column, values) in new[]
        {
            (nameof(Row.AgeBand), customers.Select(c => c.AgeBand)),
            (nameof(Row.Gender), customers.Select(c => c.Gender)),
            (nameof(Row.Region), customers.Select(c => c.Region)),
        })
        {
            var present = values.Where(v => v is not null).ToList();
            if (customers.Count == 0 || present.Count < MinimumCoverage * customers.Count)
            {
                continue;
            }
            pipeline = pipeline.Append(ml.Transforms.Categorical.OneHotEncoding(column + "Encoded", column));
            columns.Add(column + "Encoded");
        }
        columns.Add(nameof(Row.Shares));
        pipeline = pipeline.Append(ml.Transforms.Concatenate("Features", [.. columns]));

        var transformed = pipeline.Fit(data).Transform(data);
        foreach (var encoded in columns.Where(c => c.EndsWith("Encoded", StringComparison.Ordinal)))
        {
            var values = default(VBuffer<ReadOnlyMemory<char>>);
            transformed.Schema[encoded].GetSlotNames(ref values);
            var field = encoded[..^"Encoded".Length];
            names.AddRange(values.DenseValues().Select(s => $"{field}: {s}"));
        }
        names.AddRange(shareNames.Select(n => spendKnown ? $"Share of spend: {n}" : $"Share of units: {n}"));

        // GetColumn may reuse its buffer between rows: each row is copied out.
        var vectors = transformed.GetColumn<VBuffer<float>>("Features").Select(v => v.DenseValues().ToArray()).ToArray();
        return new Matrix(vectors, names, slots);
    }

    private static float Log(double x) => (float)Math.Log(1 + Math.Max(0, x));
}
