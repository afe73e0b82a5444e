using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using RetailRecs.Core.Data;

namespace RetailRecs.Testing;

/// <summary>
/// Production runs on SQL Server, the tests on SQLite. Every LINQ query the app compiles during a test is also compiled
/// for SQL Server here (EF Core translates a query before anything reaches a server, so no server is needed); a query
/// SQL Server's provider cannot translate fails the test that issued it, naming the query. Registered as an interceptor
/// on every test database (<see cref="TestDatabase"/>, <see cref="RetailRecsWebFactory"/>), so the whole suite's
/// queries — with real data behind them, down every branch the tests reach — are checked, not a hand-picked list.
/// </summary>
/// <remarks>
/// The query arrives after EF has turned captured values into parameters; their values do not matter for translation.
/// Each query shape is compiled once per SQLite model (EF caches compiled queries), so the cost is small.
/// </remarks>
public sealed class SqlServerQueryCheck : IQueryExpressionInterceptor
{
    public static readonly SqlServerQueryCheck Instance = new();

    private static readonly DbContextOptions<SqlServerRetailDbContext> Options = new DbContextOptionsBuilder<SqlServerRetailDbContext>()
        // Never opened: translation happens before a connection is needed.
        .UseSqlServer("Server=translation-only;Database=RetailRecs")
        .Options;

    private static readonly MethodInfo CompileMethod = typeof(IDatabase).GetMethod(nameof(IDatabase.CompileQuery))!;

    /// <summary>Queries checked so far, and the ones SQL Server could not translate (for the check's own tests).</summary>
    public ConcurrentDictionary<string, string?> Checked { get; } = new();

    public Expression QueryCompilationStarting(Expression queryExpression, QueryExpressionEventData eventData)
    {
        if (eventData.Context is SqlServerRetailDbContext)
        {
            return queryExpression;
        }
        var error = Translate(queryExpression);
        Checked[queryExpression.ToString()] = error;
        if (error is not null)
        {
            throw new InvalidOperationException(
                $"SQL Server could not run this query (it works on SQLite only): {error}{Environment.NewLine}Query: {queryExpression}");
        }
        return queryExpression;
    }

    /// <summary>Compiles <paramref name="query"/> for SQL Server; returns the provider's error, or null when it translates.</summary>
    public static string? Translate(Expression query)
    {
        using var sqlServer = new SqlServerRetailDbContext(Options);
        var rewritten = new QueryRootsToModel(sqlServer.Model).Visit(query);
        var resultType = typeof(IQueryable).IsAssignableFrom(query.Type)
            ? typeof(IEnumerable<>).MakeGenericType(ElementType(query.Type))
            : query.Type;
        try
        {
            CompileMethod.MakeGenericMethod(resultType).Invoke(sqlServer.GetService<IDatabase>(), [rewritten, false]);
            return null;
        }
        catch (TargetInvocationException e) when (e.InnerException is InvalidOperationException or NotSupportedException or NotImplementedException)
        {
            return e.InnerException.Message;
        }
    }

    private static Type ElementType(Type queryable) =>
        (queryable.IsGenericType && queryable.GetGenericTypeDefinition() == typeof(IQueryable<>)
            ? queryable
            : queryable.GetInterfaces().First(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IQueryable<>)))
        .GetGenericArguments()[0];

    /// <summary>The query's roots point at the SQLite model's entity types; SQL Server's translator needs its own.</summary>
    private sealed class QueryRootsToModel(IModel model) : ExpressionVisitor
    {
        protected override Expression VisitExtension(Expression node) => node switch
        {
            EntityQueryRootExpression root when root.GetType() == typeof(EntityQueryRootExpression) =>
                new EntityQueryRootExpression(model.FindEntityType(root.EntityType.Name)
                    ?? throw new InvalidOperationException($"{root.EntityType.Name} is not in the SQL Server model.")),
            _ => base.VisitExtension(node),
        };
    }
}
