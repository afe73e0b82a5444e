using ArchUnitNET.Loader;
using RetailRecs.Core.Data;

namespace RetailRecs.Web.Tests.Architecture;

/// <summary>
/// Web asks Core's services and never the database itself: the API's endpoints and the pages hold no query. Only the
/// host's registration (Hosting/: the data protection key store, the health check) names the DbContext. Read from the
/// compiled assembly (signatures and method bodies, lambdas included), as Core's DependencyDirectionTests are.
/// </summary>
[Trait("Database", "None")] // uses no database: the PostgreSQL pass of CI skips it
public class DatabaseAccessTests
{
    [Fact]
    public void WebAssembly_OutsideHosting_UsesNeitherEfCoreNorTheDbContext()
    {
        var web = typeof(RetailRecs.Web.Api.ApiEndpoints).Assembly;
        var architecture = new ArchLoader().LoadAssemblies(web).Build();

        var found = architecture.Types
            .Where(t => t.Assembly.FullName == web.FullName && !t.Namespace.FullName.StartsWith("RetailRecs.Web.Hosting", StringComparison.Ordinal))
            .SelectMany(t => t.Dependencies.Select(d => d.Target)
                .Where(IsDatabase)
                .Select(target => $"{t.FullName} -> {target.FullName}"))
            .Distinct().Order().ToList();

        Assert.True(found.Count == 0, "Web code that uses the database directly (ask a Core service instead): " + string.Join("; ", found));
    }

    private static bool IsDatabase(ArchUnitNET.Domain.IType target) =>
        target.Namespace.FullName.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
        || (target.Namespace.FullName == typeof(RetailDbContext).Namespace && target.Name.Contains("DbContext", StringComparison.Ordinal));
}
