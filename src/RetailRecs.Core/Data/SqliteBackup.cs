using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace RetailRecs.Core.Data;

/// <summary>
/// Backup of the SQLite database while the app runs, and restore of such a backup while it does not. The backup goes
/// through SQLite's online backup API in one step, i.e. inside one read transaction: with write-ahead logging the app
/// keeps writing meanwhile, and the copy is the database as it was when that transaction began — every commit before
/// it, none after, nothing half-written. A server database is backed up with its own tools (see the README).
/// </summary>
public static class SqliteBackup
{
    /// <summary>Tables every RetailRecs database has; a SQLite file without them is some other application's.</summary>
    private static readonly string[] RequiredTables = ["__EFMigrationsHistory", "AspNetUsers", "Products", "Customers", "Orders", "InteractionEvents"];

    /// <summary>What a database file holds: the last of its migrations, and how many this version would still apply.</summary>
    public sealed record Contents(string LatestMigration, int PendingMigrations, int Orders, int Events);

    public sealed record BackupResult(string File, long Bytes, Contents Database, TimeSpan Took);

    public sealed record RestoreResult(string Database, string? SetAside, Contents Restored);

    /// <summary>Copies <paramref name="database"/> to <paramref name="outFile"/> (which must not exist yet) while others use it.</summary>
    /// <exception cref="BackupRefusedException">The database is not a RetailRecs one, or the target exists.</exception>
    public static BackupResult Backup(string database, string outFile)
    {
        database = Path.GetFullPath(database);
        outFile = Path.GetFullPath(outFile);
        // The live database is not checked page by page (the copy is, below): that would double the time under load.
        Identify(database, readOnly: false, checkIntegrity: false);
        if (File.Exists(outFile))
        {
            throw new BackupRefusedException($"{outFile} exists already: give another name, or delete it first.");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(outFile)!);
        var clock = Stopwatch.StartNew();
        // Written under another name and renamed when complete and checked, so a file with the final name is always whole.
        var partial = outFile + ".partial";
        File.Delete(partial);
        try
        {
            CopyDatabase(database, readOnlySource: false, partial);
            var identity = Identify(partial, readOnly: true);
            if (!OperatingSystem.IsWindows())
            {
                // It holds customers' details and staff password hashes: readable by its owner only, whatever the umask.
                File.SetUnixFileMode(partial, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            File.Move(partial, outFile);
            return new BackupResult(outFile, new FileInfo(outFile).Length, identity, clock.Elapsed);
        }
        finally
        {
            File.Delete(partial);
        }
    }

    /// <summary>
    /// Replaces <paramref name="database"/> with the backup <paramref name="fromFile"/>, after checking that the backup is a
    /// RetailRecs database this version knows and that nothing has the database open; the replaced file is kept beside it.
    /// </summary>
    /// <exception cref="BackupRefusedException">The file is not a usable backup, or the database is in use.</exception>
    public static RestoreResult Restore(string fromFile, string database)
    {
        fromFile = Path.GetFullPath(fromFile);
        database = Path.GetFullPath(database);
        if (fromFile == database)
        {
            throw new BackupRefusedException("The backup and the database are the same file.");
        }
        Identify(fromFile, readOnly: true);
        if (File.Exists(database))
        {
            RefuseIfInUse(database);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);

        // Copied next to the database first: should the copy fail (disk full), the database is still the one it was.
        var incoming = database + ".restoring";
        File.Delete(incoming);
        try
        {
            CopyDatabase(fromFile, readOnlySource: true, incoming);
            string? setAside = null;
            if (File.Exists(database))
            {
                setAside = $"{database}.before-restore-{DateTime.UtcNow:yyyyMMdd-HHmmss}";
                File.Move(database, setAside);
            }
            File.Move(incoming, database);
            return new RestoreResult(database, setAside, Identify(database, readOnly: true));
        }
        finally
        {
            File.Delete(incoming);
        }
    }

    /// <summary>Checks that <paramref name="file"/> is an intact RetailRecs database at a migration this version knows.</summary>
    /// <exception cref="BackupRefusedException">It is not, in words that say why.</exception>
    public static Contents Identify(string file, bool readOnly, bool checkIntegrity = true)
    {
        if (!File.Exists(file))
        {
            throw new BackupRefusedException($"There is no file {file}.");
        }
        if (!HasSqliteHeader(file))
        {
            throw new BackupRefusedException($"{file} is not a SQLite database, so not a RetailRecs backup.");
        }
        using var connection = Open(file, readOnly);
        try
        {
            var tables = Query(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet(StringComparer.Ordinal);
            if (RequiredTables.FirstOrDefault(t => !tables.Contains(t)) is { } missing)
            {
                throw new BackupRefusedException($"{file} is a SQLite database but not a RetailRecs one (it has no {missing} table).");
            }
            if (checkIntegrity && Query(connection, "PRAGMA quick_check").FirstOrDefault() is not "ok" and var problem)
            {
                throw new BackupRefusedException($"{file} is damaged (SQLite's check says: {problem}).");
            }
            var applied = Query(connection, "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId").ToList();
            var known = KnownMigrations();
            if (applied.Count == 0)
            {
                throw new BackupRefusedException($"{file} has RetailRecs tables but no migration recorded: it was not made by RetailRecs.");
            }
            if (applied.FirstOrDefault(m => !known.Contains(m)) is { } unknown)
            {
                throw new BackupRefusedException(
                    $"{file} was made by another version of RetailRecs (migration {unknown} is unknown to this one): restore it with that version.");
            }
            return new Contents(applied[^1], known.Count(m => !applied.Contains(m)),
                int.Parse(Query(connection, "SELECT count(*) FROM Orders").Single(), System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(Query(connection, "SELECT count(*) FROM InteractionEvents").Single(), System.Globalization.CultureInfo.InvariantCulture));
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException($"{file} cannot be read as a RetailRecs database: {e.Message}");
        }
    }

    /// <summary>
    /// The app holds its database open while it runs (pooled connections, and with write-ahead logging every open
    /// connection holds a shared lock for its lifetime): leaving WAL mode needs the file to itself, so it fails exactly
    /// when anyone else has it open. Replacing a file under a running app would leave it serving from the old one.
    /// </summary>
    private static void RefuseIfInUse(string database)
    {
        const string inUse = "is in use — the app (or another command) has it open. Stop the app, then run restore again.";
        try
        {
            using var connection = Open(database, readOnly: false);
            using var command = connection.CreateCommand();
            command.CommandTimeout = 2;
            command.CommandText = "PRAGMA journal_mode = DELETE";
            if (command.ExecuteScalar() as string is not "delete")
            {
                throw new BackupRefusedException($"{database} {inUse}");
            }
            // Outside WAL mode an idle reader holds no lock, but a busy one does: one exclusive transaction finds it.
            command.CommandText = "BEGIN EXCLUSIVE; COMMIT;";
            command.ExecuteNonQuery();
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 5 or 6) // SQLITE_BUSY, SQLITE_LOCKED
        {
            throw new BackupRefusedException($"{database} {inUse}");
        }
        catch (SqliteException e)
        {
            throw new BackupRefusedException($"{database} cannot be checked before it is replaced: {e.Message}");
        }
    }

    private static void CopyDatabase(string source, bool readOnlySource, string destination)
    {
        using var from = Open(source, readOnlySource);
        using var to = Open(destination, readOnly: false);
        from.BackupDatabase(to);
        // The copy inherits the source's WAL mode; a backup is one self-contained file, without -wal and -shm beside it.
        using var command = to.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = DELETE";
        command.ExecuteNonQuery();
    }

    private static SqliteConnection Open(string file, bool readOnly)
    {
        // Not pooled: a pooled connection stays open after Dispose and would hold the file (and a lock on it).
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = file,
            Mode = readOnly ? SqliteOpenMode.ReadOnly : SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    private static IEnumerable<string> Query(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        return rows;
    }

    private static bool HasSqliteHeader(string file)
    {
        Span<byte> header = stackalloc byte[16];
        using var stream = File.OpenRead(file);
        return stream.Read(header) == 16 && header.SequenceEqual("SQLite format 3\0"u8);
    }

    private static HashSet<string> KnownMigrations()
    {
        // Listing migrations reads the assembly, not a database: no connection is opened.
        using var db = new SqliteRetailDbContext(new DbContextOptionsBuilder<SqliteRetailDbContext>().UseSqlite("Data Source=:memory:").Options);
        return db.Database.GetMigrations().ToHashSet(StringComparer.Ordinal);
    }
}

/// <summary>A backup or restore that was not done, with the reason in words for the admin.</summary>
public sealed class BackupRefusedException(string message) : Exception(message);
