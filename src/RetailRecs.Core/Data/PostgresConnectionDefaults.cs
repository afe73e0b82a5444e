using System.Data.Common;
using Npgsql;

namespace RetailRecs.Core.Data;

/// <summary>
/// What the app sets on a PostgreSQL connection string unless the string says otherwise. Measured with `benchmark api`
/// (README, "Two instances on PostgreSQL"): the server spent about a quarter of its time parsing and planning the same
/// few statements again for every event (an order, its line, the idempotency record, the change notice), and every
/// connection taken from the pool began with DISCARD ALL.
/// <list type="bullet">
/// <item><b>Max Auto Prepare</b>: statements run often on a connection are prepared once and then only executed. The
/// app selects columns by name (EF Core), so a migration adding columns does not break a prepared statement. Set it to
/// 0 behind a pooler that cannot keep prepared statements (PgBouncer in transaction mode before 1.21).</item>
/// <item><b>No Reset On Close</b>: the app leaves nothing behind on a connection (SET LOCAL and transaction-scoped
/// advisory locks end with their transaction; no temporary tables, LISTEN or cursors), so resetting it each time is
/// wasted work, and with prepared statements it would be six statements instead of one.</item>
/// </list>
/// </summary>
public static class PostgresConnectionDefaults
{
    public const int MaxAutoPrepare = 64;

    public static string Apply(string connectionString)
    {
        DbConnectionStringBuilder written;
        NpgsqlConnectionStringBuilder builder;
        try
        {
            // The keys as written (either of Npgsql's spellings): a setting the operator wrote is kept as written.
            written = new DbConnectionStringBuilder { ConnectionString = connectionString };
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return connectionString; // left as it is: start-up names the setting when it cannot connect
        }
        bool Has(params string[] names) => names.Any(written.ContainsKey);
        if (!Has("Max Auto Prepare", "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }
        if (!Has("No Reset On Close", "NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }
        return builder.ConnectionString;
    }
}
