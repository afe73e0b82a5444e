using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Architecture;

/// <summary>
/// One test-naming style, Method_Scenario_Expected, in every test assembly. This one checks the rule itself and Core's
/// tests; the Web and browser test assemblies run the same check on their own tests (TestNamesTests there).
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class TestNamesTests
{
    [Theory]
    [InlineData("ImportAsync_SameFileTwice_SecondTimeChangesNothing")]
    [InlineData("Manager_SetsUpAnAATest_StartsIt_SeesAnExposureFromACustomerCard_AndStopsIt")]
    [InlineData("ProportionTest_200Of1000Against250Of1000_GivesZ2Point68")]
    [InlineData("Get_UnknownPage_SignedIn_IsA404WithTheSecurityHeaders")]
    public void IsMethodScenarioExpected_ThreeOrMorePartsEachCapitalised_IsAccepted(string name) =>
        Assert.True(TestNames.IsMethodScenarioExpected(name));

    [Theory]
    [InlineData("Only_the_first_k_items_count")]
    [InlineData("Age_bands")]
    [InlineData("NormalQuantile_MatchesTables")]
    [InlineData("ImportAsync_SameFileTwice_refusesTheSecond")]
    [InlineData("ImportAsync__RefusesTheSecond")]
    [InlineData("ImportAsync_SameFileTwice_")]
    [InlineData("ImportsTheFile")]
    public void IsMethodScenarioExpected_SentenceStyleOrFewerThanThreeParts_IsRefused(string name) =>
        Assert.False(TestNames.IsMethodScenarioExpected(name));

    [Fact]
    public void TestMethods_CoreTests_AreNamedMethodScenarioExpected()
    {
        var assembly = typeof(TestNamesTests).Assembly;

        // A check that found no tests would always pass: it must at least find itself.
        Assert.Contains(TestNames.TestMethods(assembly),
            method => method.Name == nameof(TestMethods_CoreTests_AreNamedMethodScenarioExpected));
        var offenders = TestNames.NotMethodScenarioExpected(assembly);
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} tests are not named Method_Scenario_Expected: " + string.Join("; ", offenders));
    }
}
