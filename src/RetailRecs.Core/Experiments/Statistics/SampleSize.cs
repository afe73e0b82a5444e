namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>
/// Units needed per variant to detect a change in a rate: the standard formula for two proportions,
/// n = (z₁₋α/₂·√(2·p̄(1−p̄)) + z₁₋β·√(p₁(1−p₁) + p₂(1−p₂)))² / (p₂ − p₁)², p̄ the mean of the two rates, rounded up.
/// </summary>
public static class SampleSize
{
    /// <param name="baseline">The control's expected rate, e.g. 0.10.</param>
    /// <param name="minimumEffect">The smallest change worth detecting: absolute (0.02 = two points) or relative (0.2 = 20%).</param>
    public static long PerVariant(double baseline, double minimumEffect, bool relative = false, double alpha = 0.05, double power = 0.8)
    {
        if (baseline is <= 0 or >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(baseline), baseline, "The baseline rate must be between 0 and 1 (exclusive).");
        }
        var p2 = relative ? baseline * (1 + minimumEffect) : baseline + minimumEffect;
        if (minimumEffect <= 0 || p2 >= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumEffect), minimumEffect, "The minimum detectable effect must be positive and keep the rate below 1.");
        }
        var p1 = baseline;
        var mean = (p1 + p2) / 2;
        var zAlpha = Distributions.NormalQuantile(1 - alpha / 2);
        var zBeta = Distributions.NormalQuantile(power);
        var root = zAlpha * Math.Sqrt(2 * mean * (1 - mean)) + zBeta * Math.Sqrt(p1 * (1 - p1) + p2 * (1 - p2));
        return (long)Math.Ceiling(root * root / ((p2 - p1) * (p2 - p1)));
    }
}
