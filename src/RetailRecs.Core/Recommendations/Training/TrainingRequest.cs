using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Training;

/// <param name="StartedBy">Staff user id, or "cli" / "schedule".</param>
/// <param name="SelectChampion">After training, choose the champion by evidence (<see cref="ChampionSelection"/>); false leaves it to an admin.</param>
/// <param name="SelectionTrack">The tracks a new champion must win; null for the <c>Training:SelectionTrack</c> setting.</param>
public sealed record TrainingRequest(
    IReadOnlyList<string> Algorithms,
    TrainingWindow Window,
    TrainingParameters Parameters,
    string StartedBy,
    bool SelectChampion = true,
    SelectionTrack? SelectionTrack = null);
