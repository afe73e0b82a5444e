using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Experiments;
using RetailRecs.Core.Model;
using RetailRecs.Core.Recommendations.Serving;
using RetailRecs.Core.Tests.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Experiments;

public class ExperimentMetricChoiceTests
{
    private static readonly StaffActor Manager = new("manager-id", "manager@retailrecs.example");

    private static ExperimentDraft Draft(ExperimentMetric primary, params ExperimentMetric[] guardrails) => new("Best sellers twice",
        "The same list either way.", ExperimentUnit.Customer,
        [new ExperimentVariant("A", null, SuggestionMode.Discovery, 10, 1), new ExperimentVariant("B", null, SuggestionMode.Discovery, 10, 1)],
        primary, guardrails, 7, 14, null, false);

    /// <summary>A grocer's export of member, date and item only: revenue would read 0 for every variant, and "no difference".</summary>
    [Fact]
    public async Task CreateAsync_RevenueMetricOnAShopWithoutPrices_IsRefusedInWords_AnotherMetricIsSaved()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.MemberDateItemSample);
        var service = f.Database.Get<ExperimentService>();

        var primary = await Assert.ThrowsAsync<ExperimentException>(() => service.CreateAsync(Draft(ExperimentMetric.RevenuePerExposed), Manager));
        await Assert.ThrowsAsync<ExperimentException>(() => service.CreateAsync(Draft(ExperimentMetric.PurchaseWithinDays, ExperimentMetric.RevenuePerExposed), Manager));
        var saved = await service.CreateAsync(Draft(ExperimentMetric.PurchaseWithinDays), Manager);

        Assert.Contains("sales carry no prices", primary.Message, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Draft, saved.Status);
    }
}
