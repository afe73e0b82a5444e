using RetailRecs.Core.Experiments;

namespace RetailRecs.Core.Tests.Experiments;

[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class ExperimentReachTests
{
    private static readonly ActiveCustomers Fortnight = new(new DateOnly(2011, 11, 26), new DateOnly(2011, 12, 9), 445);

    [Fact]
    public void Warning_AnAAPlanFarBeyondTheActiveCustomers_GivesTheNumbersAndTheTimeItWouldTake()
    {
        var warning = ExperimentReach.Warning(3841, [50, 50], Fortnight);

        // 7,682 customers at 445 a fortnight: 7682 × 14 / 445 = 241.7 days, 35 weeks at least.
        Assert.Equal(
            $"This plan needs about {7682:N0} customers ({3841:N0} per variant), but 445 customers bought in the 14 days from 26 Nov 2011 to 9 Dec 2011. " +
            "At that pace it needs at least 35 weeks, not 14 days: plan a longer run, a larger change worth finding, or fewer variants.", warning);
    }

    [Fact]
    public void Warning_EnoughActiveCustomers_IsNull()
    {
        Assert.Null(ExperimentReach.Warning(200, [50, 50], Fortnight));
    }

    [Fact]
    public void Needed_UnequalTraffic_TheSmallestShareDecides()
    {
        // A variant with a fifth of the traffic needs five times its sample in all.
        Assert.Equal(1000, ExperimentReach.Needed(200, [80, 20]));
    }
}
