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
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class DependencyDirectionTests
{
    private static readonly Lazy<IReadOnlyDictionary<string, HashSet<string>>> Graph = new(ReadGraph);

    /// <summary>Model, Data and Common: what every feature may use, and what uses no feature.</summary>
    private static readonly HashSet<string> Kernel = ["Model", "Data", "Common"];

    [Fact]
    public void CoreFolders_DependOneWay_NoCycleNorKernelOnAFeature()
    {
        // Issue #21 brought this from 106 wrong-way edges to none; any new one fails here, named.
        var found = WrongWay(Graph.Value).Order().ToList();

        Assert.True(found.Count == 0, "Wrong-way dependencies (a feature on a feature that depends back, or the kernel on a feature): "
            + string.Join("; ", found));
    }

    [Fact]
    public void WrongWay_TwoFeaturesUsingEachOtherAndTheKernelUsingOne_AreBothFound()
    {
        var graph = new Dictionary<string, HashSet<string>>
        {
            ["Import"] = ["Data", "Customers"],
            ["Customers"] = ["Import", "Model"],
            ["Data"] = ["Model", "Staff"],
            ["Staff"] = ["Data"],
        };

        Assert.Equal(["Customers -> Import (cycle)", "Data -> Staff (cycle)", "Data -> Staff (kernel on a feature)", "Import -> Customers (cycle)", "Staff -> Data (cycle)"],
            WrongWay(graph).Order().ToList());
    }

    [Fact]
    public void CoreAssembly_References_NeitherTheWebHostNorTheUi()
    {
        var references = typeof(RetailDbContext).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        // Identity's and data protection's EF Core stores are storage, not the web host: Core keeps the accounts and keys.
        Assert.DoesNotContain(references, name => name.StartsWith("MudBlazor", StringComparison.Ordinal) || name == "RetailRecs.Web"
            || (name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.AspNetCore.Identity", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.AspNetCore.DataProtection", StringComparison.Ordinal)
                && !name.StartsWith("Microsoft.AspNetCore.Cryptography", StringComparison.Ordinal)));
    }

    /// <summary>Every edge inside a cycle (both ends in one strongly connected set), and every kernel → feature edge.</summary>
    internal static HashSet<string> WrongWay(IReadOnlyDictionary<string, HashSet<string>> graph)
    {
        bool Reaches(string from, string to)
        {
            var seen = new HashSet<string> { from };
            var queue = new Queue<string>([from]);
            while (queue.TryDequeue(out var next))
            {
                foreach (var target in graph.GetValueOrDefault(next) ?? [])
                {
                    if (target == to)
                    {
                        return true;
                    }
                    if (seen.Add(target))
                    {
                        queue.Enqueue(target);
                    }
                }
            }
            return false;
        }

        var wrong = new HashSet<string>();
        foreach (var (from, targets) in graph)
        {
            foreach (var to in targets)
            {
                if (Reaches(to, from))
                {
                    wrong.Add($"{from} -> {to} (cycle)");
                }
                if (Kernel.Contains(from) && !Kernel.Contains(to))
                {
                    wrong.Add($"{from} -> {to} (kernel on a feature)");
                }
            }
        }
        return wrong;
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
