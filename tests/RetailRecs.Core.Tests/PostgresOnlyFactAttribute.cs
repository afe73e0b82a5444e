using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests;

/// <summary>
/// A test of PostgreSQL's own code path (its bulk writer's statements): skipped on the SQLite run, run by CI's second
/// pass with RETAILRECS_TEST_PROVIDER=Postgres.
/// </summary>
public sealed class PostgresOnlyFactAttribute : FactAttribute
{
    public PostgresOnlyFactAttribute()
    {
        if (TestServer.Provider != DatabaseProvider.Postgres)
        {
            Skip = "PostgreSQL only: runs with RETAILRECS_TEST_PROVIDER=Postgres (CI's second pass).";
        }
    }
}
