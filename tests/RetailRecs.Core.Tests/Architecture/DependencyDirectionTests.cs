using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using RetailRecs.Core.Data;
using Xunit.Abstractions;

namespace RetailRecs.Core.Tests.Architecture;

/// <summary>
/// Core's folders depend one way: features on the shared kernel (Model, Data, Common), never the kernel on a feature,
/// and no two features on each other. Read from the compiled assembly (signatures and method bodies), so a fully
/// qualified name or a type from a parent namespace counts as much as a using directive.
/// </summary>
public class DependencyDirectionTests(ITestOutputHelper output)
{
    private static readonly Lazy<IReadOnlyDictionary<string, HashSet<string>>> Graph = new(ReadGraph);

    [Fact]
    public void Print()
    {
        foreach (var (from, to) in Graph.Value.OrderBy(e => e.Key))
        {
            output.WriteLine($"{from} -> {string.Join(", ", to.Order())}");
        }
    }

    /// <summary>Slice of a Core namespace: its first folder, or two for Recommendations (Training, Engine, …).</summary>
    internal static string? SliceOf(string ns)
    {
        const string core = "RetailRecs.Core";
        if (!ns.StartsWith(core + ".", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = ns[(core.Length + 1)..].Split('.');
        return parts[0] == "Recommendations" && parts.Length > 1 ? $"Recommendations.{parts[1]}" : parts[0];
    }

    private static IReadOnlyDictionary<string, HashSet<string>> ReadGraph()
    {
        var architecture = new ArchLoader().LoadAssemblies(typeof(RetailDbContext).Assembly).Build();
        var graph = new Dictionary<string, HashSet<string>>();
        foreach (var type in architecture.Types)
        {
            var from = SliceOf(type.Namespace.FullName);
            if (from is null)
            {
                continue;
            }
            foreach (var dependency in type.Dependencies)
            {
                var to = SliceOf(dependency.Target.Namespace.FullName);
                if (to is not null && to != from)
                {
                    (graph.TryGetValue(from, out var targets) ? targets : graph[from] = []).Add(to);
                }
            }
        }
        return graph;
    }
}
