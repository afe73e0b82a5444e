namespace RetailRecs.Core.Recommendations.Training;

/// <param name="StartedBy">Staff user id, or "cli" / "schedule".</param>
/// <param name="PromoteWhenNoChampion">Make the best of the new runs the champion if no model serves yet (first training).</param>
public sealed record TrainingRequest(
    IReadOnlyList<string> Algorithms,
    TrainingWindow Window,
    TrainingParameters Parameters,
    string StartedBy,
    bool PromoteWhenNoChampion = true);
