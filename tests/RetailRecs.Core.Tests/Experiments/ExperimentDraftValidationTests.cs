using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;

namespace RetailRecs.Core.Tests.Experiments;

[Trait("Database", "None")]
public class ExperimentDraftValidationTests
{
    private static ExperimentDraft Draft(int? planned) => new("Item-knn against best sellers", "Bought-together lists sell more.", ExperimentUnit.Customer,
        [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 1)],
        ExperimentMetric.AcceptanceRate, [], 7, 14, planned, false);

    /// <summary>The verdict waits for the planned customers: a count that is not one (a sample size that overflowed) would let it name a winner at once.</summary>
    [Theory]
    [InlineData(0)]
    [InlineData(-1_490_065_408)]
    public void Validate_PlannedCustomersNotPositive_IsRefusedInWords(int planned) =>
        Assert.Equal("The planned number of customers per variant must be at least one.", ExperimentService.Validate(Draft(planned), _ => null));

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void Validate_PlannedCustomersPositiveOrNone_IsAccepted(int? planned) =>
        Assert.Null(ExperimentService.Validate(Draft(planned), _ => null));
}
