namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>Mean, variance and count of one arm's per-unit values (revenue per exposed customer, zeros included).</summary>
public readonly record struct Sample(long Count, double Mean, double Variance)
{
    public static Sample Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Sample(0, 0, 0);
        }
        var mean = values.Average();
        var variance = values.Count < 2 ? 0 : values.Sum(v => (v - mean) * (v - mean)) / (values.Count - 1);
        return new Sample(values.Count, mean, variance);
    }
}

/// <summary>
/// Welch's t-test for a difference of means when the arms' variances differ (revenue is skewed and they usually do):
/// t = (m2 − m1) / √(s1²/n1 + s2²/n2), degrees of freedom by Welch–Satterthwaite, p from Student's t.
/// </summary>
public static class WelchTest
{
    public static Comparison Compare(Sample control, Sample treatment, double confidence = 0.95)
    {
        if (control.Count < 2 || treatment.Count < 2)
        {
            return new Comparison(control.Mean, treatment.Mean, treatment.Mean - control.Mean, 0, 0, null, 0, 1);
        }
        var v1 = control.Variance / control.Count;
        var v2 = treatment.Variance / treatment.Count;
        var se = Math.Sqrt(v1 + v2);
        var diff = treatment.Mean - control.Mean;
        var relative = control.Mean == 0 ? (double?)null : diff / control.Mean;
        if (se == 0)
        {
            return new Comparison(control.Mean, treatment.Mean, diff, diff, diff, relative, 0, diff == 0 ? 1 : 0);
        }
        var t = diff / se;
        var df = DegreesOfFreedom(control, treatment);
        var q = TQuantile(1 - (1 - confidence) / 2, df);
        return new Comparison(control.Mean, treatment.Mean, diff, diff - q * se, diff + q * se, relative, t, Distributions.StudentTTwoSided(t, df));
    }

    public static double DegreesOfFreedom(Sample a, Sample b)
    {
        var v1 = a.Variance / a.Count;
        var v2 = b.Variance / b.Count;
        return (v1 + v2) * (v1 + v2) / (v1 * v1 / (a.Count - 1) + v2 * v2 / (b.Count - 1));
    }

    /// <summary>The t quantile by bisection on the two-sided tail: only needed for intervals, so speed does not matter.</summary>
    public static double TQuantile(double p, double df)
    {
        var tail = 2 * (1 - p);
        double low = 0, high = 1000;
        for (var i = 0; i < 100; i++)
        {
            var mid = (low + high) / 2;
            if (Distributions.StudentTTwoSided(mid, df) > tail)
            {
                low = mid;
            }
            else
            {
                high = mid;
            }
        }
        return (low + high) / 2;
    }
}
