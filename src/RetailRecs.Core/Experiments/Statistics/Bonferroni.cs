namespace RetailRecs.Core.Experiments.Statistics;

/// <summary>
/// The experiment's risk of a false winner split over its comparisons (each treatment against the control), so that a
/// winner among several arms is not just the luckiest of them. The results judge each comparison at this level, so the
/// plan's sample size must assume it too: planned at the whole risk, three variants find a real change about 71% of
/// the time instead of the planned 80%.
/// </summary>
public static class Bonferroni
{
    public static double PerComparison(double alpha, int variants) => alpha / Math.Max(1, variants - 1);
}
