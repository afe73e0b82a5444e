namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>An item a model proposes, its score (higher is better; comparable only within one model) and why.</summary>
public readonly record struct Candidate(int Item, float Score, Evidence Evidence);
