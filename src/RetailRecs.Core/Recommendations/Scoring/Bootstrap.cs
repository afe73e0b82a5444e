namespace RetailRecs.Core.Recommendations.Scoring;

/// <summary>
/// Percentile bootstrap over customers: the customers are resampled with replacement, the same resamples for every
/// model of a track, so differences between models can be judged pairwise.
/// </summary>
public sealed class Bootstrap
{
    private readonly int[][] _samples;

    public Bootstrap(int customers, int resamples = 1000, int seed = 1)
    {
        var random = new Random(seed);
        _samples = new int[resamples][];
        for (var s = 0; s < resamples; s++)
        {
            var sample = _samples[s] = new int[customers];
            for (var i = 0; i < customers; i++)
            {
                sample[i] = random.Next(customers);
            }
        }
    }

    public sealed record Interval(double Mean, double Low, double High);

    /// <summary>The mean of the per-customer values and its 95% percentile interval.</summary>
    public Interval Mean(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return new Interval(0, 0, 0);
        }
        var means = new double[_samples.Length];
        for (var s = 0; s < _samples.Length; s++)
        {
            var sum = 0.0;
            foreach (var i in _samples[s])
            {
                sum += values[i];
            }
            means[s] = sum / values.Count;
        }
        Array.Sort(means);
        return new Interval(values.Average(), Percentile(means, 0.025), Percentile(means, 0.975));
    }

    /// <summary>The mean paired difference a − b (same customers, same order) and its 95% interval.</summary>
    public Interval Difference(IReadOnlyList<double> a, IReadOnlyList<double> b) => Mean(a.Select((x, i) => x - b[i]).ToList());

    private static double Percentile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = (int)Math.Ceiling(position);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
