using System.Globalization;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Evaluation;

/// <summary>Whether the latest evaluation says a model does not beat a baseline: promoting it then needs an explicit confirmation.</summary>
public static class PromotionCheck
{
    /// <summary>The warning to show before promoting <paramref name="algorithm"/>, or null when the evaluation has no objection (or none covers it).</summary>
    public static string? WarningFor(string algorithm, IReadOnlyList<ModelResult> latest, int k)
    {
        var losing = latest.Where(r => r.Model == algorithm && !r.IsBaseline && r.DoesNotBeat is not null).ToList();
        if (losing.Count == 0)
        {
            return null;
        }
        var parts = losing.Select(r =>
        {
            var baseline = latest.Single(b => b.Track == r.Track && b.Model == r.DoesNotBeat);
            return string.Create(CultureInfo.CurrentCulture,
                $"on the {r.Track.ToString().ToLowerInvariant()}-items track its NDCG@{k} is {r.Metrics["ndcg"].Mean:F3} against {baseline.Model}'s {baseline.Metrics["ndcg"].Mean:F3}");
        });
        return $"In the latest evaluation this model did not beat a simple baseline: {string.Join("; ", parts)}. " +
               "Customers may get better suggestions from the baseline.";
    }
}
