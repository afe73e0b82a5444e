using RetailRecs.Core.Segmentation;

namespace RetailRecs.Core.Tests.Segmentation;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ClusterQualityTests
{
    // Two clusters on a line: {0, 1} and {10, 11}.
    private static readonly float[][] Points = [[0f], [1f], [10f], [11f]];
    private static readonly int[] Labels = [0, 0, 1, 1];

    [Fact]
    public void Silhouette_TwoDistantPairs_MatchesTheHandComputedValue()
    {
        // Point 0: a = 1, b = (10 + 11) / 2 = 10.5, s = 9.5 / 10.5. Point 1: a = 1, b = (9 + 10) / 2 = 9.5, s = 8.5 / 9.5.
        // By symmetry points 2 and 3 mirror 1 and 0.
        var expected = (2 * (9.5 / 10.5) + 2 * (8.5 / 9.5)) / 4;

        Assert.Equal(expected, ClusterQuality.Silhouette(Points, Labels, 2), 10);
    }

    [Fact]
    public void Silhouette_BadSplit_IsNegative()
    {
        Assert.True(ClusterQuality.Silhouette(Points, [0, 1, 0, 1], 2) < 0);
    }

    [Fact]
    public void DaviesBouldin_TwoDistantPairs_MatchesTheHandComputedValue()
    {
        // Centroids 0.5 and 10.5, each point 0.5 from its centroid: (0.5 + 0.5) / 10 = 0.1 for both clusters.
        Assert.Equal(0.1, ClusterQuality.DaviesBouldin(Points, Labels, 2), 10);
    }
}
