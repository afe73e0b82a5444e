using RetailRecs.Core.Evaluation;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Web.Components.Pages.Models;

/// <summary>
/// The latest successful evaluation as the Models page uses it beside the runs. It trained each algorithm on an
/// earlier window: its figures describe the algorithm, not the very run in a row.
/// </summary>
public sealed record LatestEvaluation(IReadOnlyList<ModelResult> Rows, int K)
{
    /// <summary>The latest successful one of the evaluation history (newest first), or null.</summary>
    public static LatestEvaluation? Of(IEnumerable<(EvaluationRun Run, IReadOnlyList<ModelResult> Rows)> history) =>
        history.FirstOrDefault(h => h.Run.Status == ModelRunStatus.Succeeded) is { Run: { } run } latest ? new LatestEvaluation(latest.Rows, run.K) : null;

    /// <summary>"repeat / new" ranking scores (NDCG) of the algorithm, "–" for a track it lacks; empty when it was not evaluated.</summary>
    public string RankingScores(string algorithm)
    {
        string Of(EvaluationTrack t) => Rows.FirstOrDefault(r => r.Model == algorithm && r.Track == t)?.Metrics["ndcg"].Mean.ToString("F3") ?? "–";
        return Rows.Any(r => r.Model == algorithm) ? $"{Of(EvaluationTrack.Repeat)} / {Of(EvaluationTrack.New)}" : "";
    }

    /// <summary>Why promoting the algorithm is doubtful (it loses to a baseline), or null.</summary>
    public string? PromotionWarning(string algorithm) => PromotionCheck.WarningFor(algorithm, Rows, K);
}
