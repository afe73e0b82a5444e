namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>
/// A trained model. Every algorithm is trained, evaluated, compared, stored and served through this one shape.
/// Models score; the serving layer applies the business rules (what may be shown, repeats, diversity) and writes reasons.
/// </summary>
public interface IRecommender
{
    /// <summary>One of <see cref="Algorithms"/>.</summary>
    string Algorithm { get; }

    /// <summary>
    /// Up to <paramref name="max"/> candidates, best first. Items in the history may be included (the caller drops them
    /// in discovery mode); a model with nothing to say returns an empty list and the caller falls back to popularity.
    /// </summary>
    IReadOnlyList<Candidate> Recommend(RecommendationQuery query, int max);
}
