namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>The settings every model run records. Defaults are what the README's figures were measured with.</summary>
public sealed record TrainingParameters
{
    /// <summary>Half-life of a purchase's weight in a customer's affinity, in days.</summary>
    public double HalfLifeDays { get; init; } = 90;
    public ItemSimilarity Similarity { get; init; } = ItemSimilarity.Cosine;
    /// <summary>Neighbours kept per item (item-based and content-based).</summary>
    public int ItemNeighbours { get; init; } = 50;
    /// <summary>Baskets two items must share before they count as bought together.</summary>
    public int MinSupport { get; init; } = 2;
    /// <summary>Nearest customers consulted by the user-based model.</summary>
    public int UserNeighbours { get; init; } = 50;
    public int Seed { get; init; } = 1;
}
