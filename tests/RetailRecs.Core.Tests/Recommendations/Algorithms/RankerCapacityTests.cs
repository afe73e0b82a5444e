using RetailRecs.Core.Recommendations.Algorithms;

namespace RetailRecs.Core.Tests.Recommendations.Algorithms;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class RankerCapacityTests
{
    [Fact]
    public void WithinOneStandardError_LeadSmallerThanItsNoise_CountsAsATie()
    {
        // Each customer's lead swings by ±0.2 around a mean lead of 0.001: far inside one standard error (about 0.01).
        var other = Enumerable.Range(0, 400).Select(i => 0.4).ToArray();
        var best = other.Select((o, i) => o + 0.001 + (i % 2 == 0 ? 0.2 : -0.2)).ToArray();

        Assert.True(RankerCapacity.WithinOneStandardError(best, other));
    }

    [Fact]
    public void WithinOneStandardError_LeadSeenAtMostCustomers_IsReal()
    {
        // A lead of 0.05 at every customer, give or take 0.01: many standard errors away from a tie.
        var other = Enumerable.Range(0, 400).Select(i => 0.4).ToArray();
        var best = other.Select((o, i) => o + 0.05 + (i % 2 == 0 ? 0.01 : -0.01)).ToArray();

        Assert.False(RankerCapacity.WithinOneStandardError(best, other));
    }
}
