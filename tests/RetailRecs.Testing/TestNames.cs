using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace RetailRecs.Testing;

/// <summary>
/// The team's one test-naming style, Method_Scenario_Expected: at least three parts separated by underscores, each
/// starting with an upper-case letter or a digit (<c>ImportAsync_SameFileTwice_SecondTimeChangesNothing</c>). Each
/// test assembly checks its own tests with it, so a sentence-style name (<c>Only_the_first_k_items_count</c>) fails in
/// the project it was added to.
/// </summary>
public static partial class TestNames
{
    public static bool IsMethodScenarioExpected(string name) => Style().IsMatch(name);

    /// <summary>"Class.Method" of every test of the assembly not named in the style, in order.</summary>
    public static IReadOnlyList<string> NotMethodScenarioExpected(Assembly assembly) =>
        [.. TestMethods(assembly)
            .Where(method => !IsMethodScenarioExpected(method.Name))
            .Select(method => $"{method.DeclaringType!.Name}.{method.Name}")
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// Every [Fact] and [Theory] of the assembly, and every attribute derived from them ([BrowserFact], [PostgresFact]):
    /// to xunit a theory is a fact (TheoryAttribute derives from FactAttribute).
    /// </summary>
    public static IEnumerable<MethodInfo> TestMethods(Assembly assembly) =>
        assembly.GetTypes()
            .SelectMany(type => type.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance
                | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(method => method.IsDefined(typeof(FactAttribute), inherit: true));

    [GeneratedRegex("^[A-Z0-9][A-Za-z0-9]*(_[A-Z0-9][A-Za-z0-9]*){2,}$")]
    private static partial Regex Style();
}
