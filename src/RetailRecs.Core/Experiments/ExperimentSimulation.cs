using System.Globalization;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Experiments;

/// <summary>
/// Replays held-out sales as if an experiment had run: each test customer of the split is assigned by the real
/// assignment code, "shown" their variant's top K (the serving rules, as in the evaluation) on the split day, and
/// converts when they bought a shown product in the held-out window; revenue is those products' quantities at the
/// catalog price. No one accepts anything, so only the purchase and revenue metrics mean something here.
/// </summary>
public static class ExperimentSimulation
{
    public sealed record Result(IReadOnlyList<ExperimentVariant> Variants, IReadOnlyList<UnitOutcome> Outcomes, ExperimentReport Report, int HeldOutDays);

    public static Result Run(HoldoutSplit split, (string Name, ModelBundle Bundle) a, (string Name, ModelBundle Bundle) b, int k,
        EvaluationTrack track = EvaluationTrack.Repeat, int experimentId = 1)
    {
        var mode = track == EvaluationTrack.Repeat ? SuggestionMode.Replenishment : SuggestionMode.Discovery;
        var variants = new[] { new ExperimentVariant($"A ({a.Name})", null, mode, k, 1), new ExperimentVariant($"B ({b.Name})", null, mode, k, 1) };
        var contenders = new[] { new Evaluator.Contender(a.Name, false, a.Bundle, a.Bundle.Ranker), new Evaluator.Contender(b.Name, false, b.Bundle, b.Bundle.Ranker) };
        var all = split.All;
        // Quantities bought per customer and product from the split day on, for revenue.
        var bought = all.Purchases.Where(p => p.Customer >= 0 && p.Day >= split.SplitDay)
            .GroupBy(p => (p.Customer, p.Item)).ToDictionary(g => g.Key, g => g.Sum(p => (double)p.Quantity));
        var exposedAt = DateOnly.FromDayNumber(split.SplitDay).ToDateTime(TimeOnly.MinValue);
        var outcomes = split.CustomersFor(track).Select(test =>
        {
            var unit = all.CustomerIds[test.Customer].ToString(CultureInfo.InvariantCulture);
            var arm = ExperimentAssignment.VariantIndex(unit, experimentId, [1, 1]);
            var shown = Evaluator.ListFor(contenders[arm], test, track, k);
            var hits = shown.Where(c => test.Truth.Contains(c.Item)).ToList();
            var revenue = hits.Sum(c => bought.GetValueOrDefault((test.Customer, c.Item)) * (all.Items[c.Item].Price ?? 0));
            return new UnitOutcome(variants[arm].Name, exposedAt, 1, false, hits.Count > 0, revenue);
        }).ToList();
        var days = all.LastDay - split.SplitDay + 1;
        var report = ExperimentAnalysis.Analyse(outcomes, variants, ExperimentMetric.PurchaseWithinDays, null, days, days);
        return new Result(variants, outcomes, report, days);
    }
}
