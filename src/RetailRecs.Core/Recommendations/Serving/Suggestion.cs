using RetailRecs.Core.Recommendations.Engine;

namespace RetailRecs.Core.Recommendations.Serving;

/// <summary>One suggested product, as a page or the API shows it, with the sentence an associate can say out loud.</summary>
public sealed record Suggestion(int ProductId, string Sku, string Name, decimal? Price, string? Category, float Score, string Reason,
    EvidenceKind Evidence, bool BoughtBefore);

/// <summary>
/// A list of suggestions and where it came from: the model run (for interaction events and experiments), and whether
/// it was personalised (an opted-out or unknown customer gets non-personalised lists).
/// </summary>
public sealed record SuggestionList(int? ModelRunId, string? Algorithm, bool Personalised, IReadOnlyList<Suggestion> Items, string? Notice = null)
{
    public static SuggestionList NoModel { get; } = new(null, null, false, [],
        "No model has been trained yet. An admin can train one on the Models page.");

    public static SuggestionList ChampionUnreadable { get; } = new(null, null, false, [],
        "The model chosen to serve could not be loaded. An admin can train again or promote another run on the Models page.");

    /// <summary>The experiment and variant the list was served under; null outside experiments.</summary>
    public ExperimentArm? Experiment { get; init; }

    /// <summary>The route that served the list, for its exposure once it is shown; not part of what callers see.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    internal ExperimentRoute? Route { get; init; }
}

/// <summary>Which experiment and variant served a list, for interaction events and for staff who wonder why lists differ.</summary>
public sealed record ExperimentArm(int ExperimentId, string Name, string Variant);
