using System.Globalization;
using RetailRecs.Core.Recommendations.Algorithms;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Evaluation;

/// <summary>
/// An evaluation in a sentence per track, for a manager who will not read eleven metric columns: which model to trust,
/// whether it beats the simple rule beyond chance, and how often its list held something the customer went on to buy
/// (the hit rate, with its 95% interval). The figures behind it stay in the tables.
/// </summary>
public static class EvaluationVerdict
{
    /// <summary>One sentence per track, the counter's default track (products new to the customer) first.</summary>
    public static IReadOnlyList<string> Describe(IReadOnlyList<ModelResult> rows, int k) =>
        new[] { EvaluationTrack.New, EvaluationTrack.Repeat }
            .Select(t => ForTrack(rows.Where(r => r.Track == t).ToList(), t, k))
            .OfType<string>()
            .ToList();

    /// <summary>What a track is about, in the words of the counter.</summary>
    public static string TrackWords(EvaluationTrack track) => track == EvaluationTrack.New
        ? "products the customer never bought (what the counter suggests by default)"
        : "what regulars buy again (the counter's \u201cInclude things they buy again\u201d switch)";

    /// <summary>A baseline in plain words.</summary>
    public static string BaselineWords(string model) => model switch
    {
        OwnHistoryBaseline.Name => "each customer's own most-bought products",
        PersonalFrequencyModel.Name => "each customer's own recent purchases, topped up with what customers like them buy",
        _ => "best sellers",
    };

    private static string? ForTrack(List<ModelResult> rows, EvaluationTrack track, int k)
    {
        var models = rows.Where(r => !r.IsBaseline).ToList();
        // The simple rule every model is measured against: the track's best baseline (the one DoesNotBeat names).
        var baseline = rows.Where(r => r.IsBaseline).MaxBy(r => r.Metrics["ndcg"].Mean);
        if (models.Count == 0 || baseline is null)
        {
            return null;
        }
        var winners = models.Where(r => r.DoesNotBeat is null).ToList();
        var best = (winners.Count > 0 ? winners : models).MaxBy(r => r.Metrics["ndcg"].Mean)!;
        var hit = best.Metrics["hitRate"];
        var rule = BaselineWords(baseline.Model);
        var figures = string.Create(CultureInfo.CurrentCulture,
            $"{k} suggestions held something the customer went on to buy for {Percent(hit.Mean)} of the {best.Customers:N0} test customers " +
            $"(95% interval {Percent(hit.Low)}–{Percent(hit.High)}), against {Percent(baseline.Metrics["hitRate"].Mean)} for {rule}");
        var name = $"\u201c{AlgorithmNames.Plain(best.Model)}\u201d ({AlgorithmNames.Explain(best.Model)})";
        if (best.Customers < Recommendations.Training.ChampionSelection.MinTestCustomers)
        {
            // A handful of customers: every resample is the same few people, and the interval says nothing about the next.
            return $"For {TrackWords(track)}, {best.Customers:N0} test customers are too few to trust any model over {rule} " +
                $"(at least {Recommendations.Training.ChampionSelection.MinTestCustomers} are needed; training does not promote on fewer): the best, {name}, whose {figures}.";
        }
        return winners.Count > 0
            ? $"For {TrackWords(track)}, trust {name}: it beats {rule} beyond chance; its {figures}."
            : $"For {TrackWords(track)}, no model beats {rule} beyond chance: the best, {name}, whose {figures}, so {rule} serve as well.";
    }

    /// <summary>
    /// A hit rate as a whole percentage, halves rounded up as everywhere else in the app; never below "0%" (an
    /// interval's low end can dip under zero, a rate cannot).
    /// </summary>
    private static string Percent(double share) =>
        Math.Round(Math.Max(0, share), 2, MidpointRounding.AwayFromZero).ToString("P0", CultureInfo.CurrentCulture);
}
