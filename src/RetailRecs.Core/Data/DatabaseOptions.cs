namespace RetailRecs.Core.Data;

public enum DatabaseProvider { Sqlite, SqlServer, Postgres }

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
    /// <summary>SQLite file, relative to the app's content root unless absolute.</summary>
    public string SqlitePath { get; set; } = "App_Data/retailrecs.db";
    /// <summary>
    /// SQLite: seconds a write waits for another connection's write lock before it gives up with "the database is busy"
    /// (nothing stored, the caller told to retry).
    /// </summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
    /// <summary>SQLite always migrates at start-up; SQL Server and PostgreSQL only when this is set (DBAs often apply the script themselves).</summary>
    public bool MigrateOnStartup { get; set; }
}
