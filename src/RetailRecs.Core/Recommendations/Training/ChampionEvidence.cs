using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Engine;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>
/// The selection's figures as stored on a model run (<c>ModelRun.Metrics</c>, key "selection", beside other figures
/// such as the increments' overlap) and the plain sentences the Models page and the CLI say about the champion.
/// </summary>
public static class ChampionEvidence
{
    public const string Key = "selection";

    /// <summary>The run's metrics JSON with the decision added (other keys kept).</summary>
    public static string WithDecision(string? metrics, ChampionDecision decision)
    {
        var root = metrics is null ? new JsonObject() : JsonNode.Parse(metrics) as JsonObject ?? new JsonObject();
        root[Key] = JsonSerializer.SerializeToNode(decision, ScoringJson.Options);
        return root.ToJsonString();
    }

    /// <summary>The decision stored with a run, or null for a run trained before champions were chosen by evidence.</summary>
    public static ChampionDecision? DecisionOf(string? metrics)
    {
        if (metrics is null || !metrics.Contains($"\"{Key}\"", StringComparison.Ordinal))
        {
            return null;
        }
        return JsonNode.Parse(metrics) is JsonObject root && root[Key] is { } node ? node.Deserialize<ChampionDecision>(ScoringJson.Options) : null;
    }

    /// <summary>Why the champion serves, in one sentence, and a warning when its figures do not beat a baseline.</summary>
    public static (string Sentence, string? Warning) Describe(ModelRun champion)
    {
        var decision = DecisionOf(champion.Metrics);
        if (champion.Algorithm == AlgorithmNames.Popularity && decision is not null)
        {
            return (BestSellersSentence(decision), null);
        }
        if (decision?.For(champion.Algorithm) is not { } own)
        {
            return ("No figures were recorded for this run when it was trained, so nothing says it beats best sellers: train again, or run an evaluation below.",
                null);
        }
        var days = Days(decision);
        var beats = own.Tracks.Where(t => t.VersusBestSellers.Mean > 0).Select(t => $"by {Lift(t)} on {What(t.Track)}").ToList();
        var sentence = beats.Count == 0
            ? $"Serves without beating best sellers on {days}."
            : $"Serves because it beats best sellers {string.Join(" and ", beats)} (ranking score NDCG@{decision.K}: how high what customers bought sits in the list, on {days}).";
        var losses = own.Tracks.Where(t => t.VersusBestSellers.Low <= 0)
            .Select(t => string.Create(CultureInfo.CurrentCulture, $"best sellers on {What(t.Track)} ({t.Ndcg:F3} against {t.BestSellersNdcg:F3})"))
            .Concat(own.Tracks.Where(t => t.VersusOwnHistory is { Low: <= 0 })
                .Select(t => string.Create(CultureInfo.CurrentCulture,
                    $"{OwnBaselineName(t)} on {What(t.Track)} ({t.Ndcg:F3} against {t.Ndcg - t.VersusOwnHistory!.Mean:F3})")))
            .ToList();
        var warning = losses.Count == 0
            ? null
            : $"It does not beat {string.Join(", nor ", losses)} beyond chance: customers may get better suggestions from that baseline.";
        return (sentence, warning);
    }

    private static string BestSellersSentence(ChampionDecision decision)
    {
        var closest = decision.Contenders.Where(c => c.Algorithm != AlgorithmNames.Popularity).OrderByDescending(c => c.Score(decision.Track)).FirstOrDefault();
        var days = Days(decision);
        if (closest is null)
        {
            return $"Best sellers serve: {decision.Reason}";
        }
        var parts = closest.Tracks.Where(t => ChampionSelection.Decides(decision.Track, t.Track))
            .Select(t => $"{Lift(t)} {(t.VersusBestSellers.Mean >= 0 ? "above" : "below")} them on {What(t.Track)}");
        return $"Best sellers serve because no model beat them beyond chance on {days} (the closest, \u201c{AlgorithmNames.Plain(closest.Algorithm)}\u201d, was {string.Join(" and ", parts)}).";
    }

    /// <summary>A relative difference as people say it: "31%", or "2.4×" beyond double.</summary>
    private static string Lift(TrackEvidence t)
    {
        if (t.BestSellersNdcg <= 0)
        {
            return string.Create(CultureInfo.CurrentCulture, $"{t.VersusBestSellers.Mean:F3} NDCG");
        }
        var ratio = t.Ndcg / t.BestSellersNdcg;
        return ratio >= 2
            ? string.Create(CultureInfo.CurrentCulture, $"{ratio:0.#}×")
            : string.Create(CultureInfo.CurrentCulture, $"{Math.Abs(ratio - 1):P0}");
    }

    private static string OwnBaselineName(TrackEvidence t) => t.OwnBaseline == Recommendations.Algorithms.PersonalFrequencyModel.Name
        ? "the customer's own recent purchases (topped up with what customers like them buy)"
        : "the customer's own most-bought products";

    private static string What(EvaluationTrack track) =>
        track == EvaluationTrack.Repeat ? "what customers bought next" : "products new to the customer";

    private static string Days(ChampionDecision d) => d.HoldoutFrom is { } from && d.HoldoutTo is { } to
        ? string.Create(CultureInfo.CurrentCulture, $"the sales of {from:d MMM yyyy} – {to:d MMM yyyy}, held out")
        : "held-out sales";
}
