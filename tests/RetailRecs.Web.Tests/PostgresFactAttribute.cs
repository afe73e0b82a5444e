using Npgsql;
using RetailRecs.Testing;

namespace RetailRecs.Web.Tests;

/// <summary>
/// A test that needs a running PostgreSQL server (RETAILRECS_TEST_POSTGRES). It is skipped, with the reason, only on a
/// developer machine where none answers; under CI (CI set to anything) it always runs, so a missing server fails the
/// build instead of hiding.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")) && !Answers())
        {
            Skip = "No PostgreSQL server answers at RETAILRECS_TEST_POSTGRES (pg_ctlcluster 15 main start; see the README). CI runs this test.";
        }
    }

    private static bool Answers()
    {
        try
        {
            using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(TestServer.PostgresAdmin) { Timeout = 3, Pooling = false }.ConnectionString);
            connection.Open();
            return true;
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException)
        {
            return false;
        }
    }
}
