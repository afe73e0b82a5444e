namespace RetailRecs.Core.Recommendations.Engine;

/// <summary>A ranker with state of its own beyond the bundle's shared parts (learned models), written into the artifact.</summary>
public interface IStoredRanker : IRecommender
{
    void Write(BinaryWriter w);
}
