using RetailRecs.Core.Data;

namespace RetailRecs.Cli;

/// <summary>What backup and restore say when the configured database is a server's, which has its own tools.</summary>
internal static class ServerDatabase
{
    /// <summary>The server's own tools, named for the provider configured (a PostgreSQL admin was shown T-SQL before 2026-12-06).</summary>
    public static string Advice(DatabaseProvider provider) => (provider == DatabaseProvider.Postgres
        ? "The configured database is PostgreSQL: back it up and restore it with the server's own tools, e.g. " +
          "pg_dump -Fc -f retailrecs.dump retailrecs and pg_restore --clean --if-exists -d retailrecs retailrecs.dump (stop the app first)"
        : "The configured database is SQL Server: back it up and restore it with the server's own tools, e.g. " +
          "BACKUP DATABASE RetailRecs TO DISK = N'...' WITH COPY_ONLY, CHECKSUM and RESTORE DATABASE RetailRecs FROM DISK = N'...' WITH REPLACE")
        + " (README, \"Backup and restore\"). backup and restore here work on a SQLite file (--database FILE).";
}
