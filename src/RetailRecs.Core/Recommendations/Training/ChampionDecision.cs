using RetailRecs.Core.Recommendations.Scoring;

namespace RetailRecs.Core.Recommendations.Training;

/// <summary>The tracks a new champion must win on (setting <c>Training:SelectionTrack</c>).</summary>
public enum SelectionTrack
{
    /// <summary>Both what customers buy again and what is new to them: the counter shows both.</summary>
    Both,
    /// <summary>Only the repeat track: a store whose staff mostly suggest replenishment.</summary>
    Repeat,
    /// <summary>Only the new-items track: a store whose staff mostly suggest discovery.</summary>
    New,
}

/// <summary>One model's NDCG on one track of the selection holdout, against best sellers, the champion and (repeat track) own history.</summary>
/// <param name="VersusBestSellers">Paired bootstrap difference of NDCG, this model minus best sellers.</param>
/// <param name="VersusChampion">The same against the champion's algorithm trained on the same side of the split; null with no champion.</param>
/// <param name="VersusOwnHistory">Repeat track: against the customer's own history (<paramref name="OwnBaseline"/>).</param>
/// <param name="OwnBaseline">
/// Which own-history rule: <c>personal-knn</c> (own recent purchases topped up with neighbours'), or null for a run
/// chosen before it replaced the plain most-bought rule (issue #17: the check uses the stronger baseline).
/// </param>
public sealed record TrackEvidence(
    EvaluationTrack Track,
    int Customers,
    double Ndcg,
    double BestSellersNdcg,
    MetricValue VersusBestSellers,
    MetricValue? VersusChampion,
    MetricValue? VersusOwnHistory,
    string? OwnBaseline = null);

/// <summary>A model's figures in the selection and whether they are evidence enough for it to serve.</summary>
public sealed record ContenderEvidence(string Algorithm, IReadOnlyList<TrackEvidence> Tracks, bool Qualifies)
{
    /// <summary>Mean NDCG over the tracks that decide, to rank the models that qualify.</summary>
    public double Score(SelectionTrack track) => Tracks.Where(t => ChampionSelection.Decides(track, t.Track)).Select(t => t.Ndcg).DefaultIfEmpty().Average();
}

/// <summary>
/// What the selection after a training decided, and the figures it decided on. Stored with every run of the training
/// (<c>ModelRun.Metrics</c>, under "selection").
/// </summary>
/// <param name="Promote">The algorithm whose new run becomes the champion, or null to keep the champion.</param>
/// <param name="Reason">The decision in one sentence.</param>
/// <param name="ChampionAlgorithm">The champion's algorithm when the training started, or null (a new install).</param>
public sealed record ChampionDecision(
    string? Promote,
    string Reason,
    SelectionTrack Track,
    int K,
    DateOnly? HoldoutFrom,
    DateOnly? HoldoutTo,
    string? ChampionAlgorithm,
    int? ChampionRunId,
    IReadOnlyList<ContenderEvidence> Contenders)
{
    public ContenderEvidence? For(string algorithm) => Contenders.FirstOrDefault(c => c.Algorithm == algorithm);
}
