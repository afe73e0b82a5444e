namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>A rate with its 95% (or other) Wilson score interval, which stays inside [0, 1] even for few conversions.</summary>
public sealed record Rate(long Conversions, long Units, double Value, double Low, double High)
{
    public static Rate Of(long conversions, long units, double confidence = 0.95)
    {
        if (units == 0)
        {
            return new Rate(0, 0, 0, 0, 1);
        }
        var z = Distributions.NormalQuantile(1 - (1 - confidence) / 2);
        double n = units, p = (double)conversions / units;
        var centre = (p + z * z / (2 * n)) / (1 + z * z / n);
        var half = z / (1 + z * z / n) * Math.Sqrt(p * (1 - p) / n + z * z / (4 * n * n));
        return new Rate(conversions, units, p, Math.Max(0, centre - half), Math.Min(1, centre + half));
    }
}

/// <summary>How a treatment differs from the control: the difference with its interval, the relative change and the test.</summary>
public sealed record Comparison(double Control, double Treatment, double Difference, double Low, double High, double? Relative, double Statistic, double PValue)
{
    public bool Significant(double alpha = 0.05) => PValue < alpha;
}

/// <summary>
/// The two-proportion z-test. The test uses the pooled standard error (under "no difference" both arms share one
/// rate); the interval for the difference uses the unpooled one (it describes the difference as observed).
/// </summary>
public static class ProportionTest
{
    public static Comparison Compare(long controlConversions, long controlUnits, long treatmentConversions, long treatmentUnits, double confidence = 0.95)
    {
        if (controlUnits == 0 || treatmentUnits == 0)
        {
            return new Comparison(0, 0, 0, 0, 0, null, 0, 1);
        }
        double n1 = controlUnits, n2 = treatmentUnits;
        var p1 = controlConversions / n1;
        var p2 = treatmentConversions / n2;
        var pooled = (controlConversions + treatmentConversions) / (n1 + n2);
        var pooledSe = Math.Sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
        var z = pooledSe == 0 ? 0 : (p2 - p1) / pooledSe;
        var se = Math.Sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
        var q = Distributions.NormalQuantile(1 - (1 - confidence) / 2);
        var diff = p2 - p1;
        return new Comparison(p1, p2, diff, diff - q * se, diff + q * se, p1 == 0 ? null : diff / p1, z,
            pooledSe == 0 ? 1 : Distributions.NormalTwoSided(z));
    }
}
