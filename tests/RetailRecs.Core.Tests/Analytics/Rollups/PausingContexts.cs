using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Analytics.Rollups;

/// <summary>
/// PostgreSQL contexts for the code under test whose commands pass through <paramref name="pause"/>: another writer's
/// work goes in between two of its statements.
/// </summary>
internal sealed class PausingContexts(TestDatabase database, AfterCommand pause) : IDbContextFactory<RetailDbContext>
{
    private readonly DbContextOptions<PostgresRetailDbContext> _options =
        new DbContextOptionsBuilder<PostgresRetailDbContext>().UseNpgsql(database.ConnectionString).AddInterceptors(pause).Options;

    public RetailDbContext CreateDbContext() => new PostgresRetailDbContext(_options);
}
