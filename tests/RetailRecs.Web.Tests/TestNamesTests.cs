using RetailRecs.Testing;

namespace RetailRecs.Web.Tests;

/// <summary>
/// This assembly's tests are named Method_Scenario_Expected (the rule, and the tests of the rule itself, are Core's
/// Architecture/TestNamesTests).
/// </summary>
[Trait("Database", "None")]
public class TestNamesTests
{
    [Fact]
    public void TestMethods_WebTests_AreNamedMethodScenarioExpected()
    {
        var assembly = typeof(TestNamesTests).Assembly;

        // A check that found no tests would always pass: it must at least find itself.
        Assert.Contains(TestNames.TestMethods(assembly),
            method => method.Name == nameof(TestMethods_WebTests_AreNamedMethodScenarioExpected));
        var offenders = TestNames.NotMethodScenarioExpected(assembly);
        Assert.True(offenders.Count == 0,
            $"{offenders.Count} tests are not named Method_Scenario_Expected: " + string.Join("; ", offenders));
    }
}
