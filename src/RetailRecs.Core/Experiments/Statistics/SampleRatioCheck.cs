namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>
/// Sample-ratio mismatch: a chi-square goodness-of-fit test of the units each variant received against the split that
/// was configured. A mismatch (p below 0.001, the usual threshold since the test runs on large counts) means the
/// assignment or the logging is broken and the results cannot be trusted, whatever they say.
/// </summary>
public static class SampleRatioCheck
{
    public const double Threshold = 0.001;

    public sealed record Result(double ChiSquare, double PValue)
    {
        public bool Mismatch => PValue < Threshold;
    }

    public static Result Test(IReadOnlyList<long> observed, IReadOnlyList<double> weights)
    {
        var total = observed.Sum();
        var weightSum = weights.Sum();
        if (total == 0 || observed.Count < 2)
        {
            return new Result(0, 1);
        }
        var chi = 0.0;
        for (var i = 0; i < observed.Count; i++)
        {
            var expected = total * weights[i] / weightSum;
            chi += (observed[i] - expected) * (observed[i] - expected) / expected;
        }
        return new Result(chi, Distributions.ChiSquareUpper(chi, observed.Count - 1));
    }
}
