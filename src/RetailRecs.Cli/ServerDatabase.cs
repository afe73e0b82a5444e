namespace RetailRecs.Cli;

/// <summary>What backup and restore say when the configured database is a server's, which has its own tools.</summary>
internal static class ServerDatabase
{
    public const string Advice =
        "The configured database is SQL Server: back it up and restore it with the server's own tools, e.g. " +
        "BACKUP DATABASE RetailRecs TO DISK = N'...' WITH COPY_ONLY, CHECKSUM and RESTORE DATABASE RetailRecs FROM DISK = N'...' WITH REPLACE " +
        "(README, \"Backup and restore\"). backup and restore here work on a SQLite file (--database FILE).";
}
