using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

public class SqliteBackupTests
{
    [Fact]
    public async Task Restore_BackupOfAnotherDatabase_ReplacesItAndKeepsTheReplacedFileAside()
    {
        using var dir = new TempDirectory();
        await using var source = await DatabaseWithStoreAsync("BACKED-UP");
        await using var target = await DatabaseWithStoreAsync("REPLACED");
        SqliteBackup.Backup(source.FilePath, dir.File("backup.db"));
        Stop(target);

        var result = SqliteBackup.Restore(dir.File("backup.db"), target.FilePath);

        Assert.Equal(["BACKED-UP"], await StoreCodesAsync(target.FilePath));
        Assert.NotNull(result.SetAside);
        Assert.StartsWith(target.FilePath + ".before-restore-", result.SetAside);
        Assert.Equal(["REPLACED"], await StoreCodesAsync(result.SetAside));
        Assert.Equal(0, result.Restored.PendingMigrations);
    }

    [Fact]
    public async Task Backup_NewFile_ReadableByItsOwnerOnly()
    {
        using var dir = new TempDirectory();
        await using var source = await DatabaseWithStoreAsync("SOURCE");

        var backup = SqliteBackup.Backup(source.FilePath, dir.File("backup.db"));

        Assert.Equal(["SOURCE"], await StoreCodesAsync(backup.File));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(backup.File));
        }
    }

    [Fact]
    public async Task Restore_FileThatIsNotADatabase_RefusedAndDatabaseUntouched()
    {
        using var dir = new TempDirectory();
        await using var target = await DatabaseWithStoreAsync("KEPT");
        await File.WriteAllTextAsync(dir.File("notes.db"), "InvoiceNo,StockCode\n536365,85123A\n");

        var refusal = Assert.Throws<BackupRefusedException>(() => SqliteBackup.Restore(dir.File("notes.db"), target.FilePath));

        Assert.Contains("not a SQLite database", refusal.Message);
        Assert.Equal(["KEPT"], await StoreCodesAsync(target.FilePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target.FilePath)!, "*.before-restore-*"));
    }

    [Fact]
    public async Task Restore_SqliteDatabaseOfAnotherApplication_RefusedNamingWhatIsMissing()
    {
        using var dir = new TempDirectory();
        await using var target = await DatabaseWithStoreAsync("KEPT");
        using (var other = new SqliteConnection($"Data Source={dir.File("other.db")};Pooling=False"))
        {
            other.Open();
            using var command = other.CreateCommand();
            command.CommandText = "CREATE TABLE Orders (Id INTEGER PRIMARY KEY, Total REAL)";
            command.ExecuteNonQuery();
        }

        var refusal = Assert.Throws<BackupRefusedException>(() => SqliteBackup.Restore(dir.File("other.db"), target.FilePath));

        Assert.Contains("not a RetailRecs one", refusal.Message);
        Assert.Equal(["KEPT"], await StoreCodesAsync(target.FilePath));
    }

    [Fact]
    public async Task Restore_BackupFromANewerVersion_RefusedNamingTheUnknownMigration()
    {
        using var dir = new TempDirectory();
        await using var source = await DatabaseWithStoreAsync("NEWER");
        await using var target = await DatabaseWithStoreAsync("KEPT");
        SqliteBackup.Backup(source.FilePath, dir.File("newer.db"));
        using (var backup = new SqliteConnection($"Data Source={dir.File("newer.db")};Pooling=False"))
        {
            backup.Open();
            using var command = backup.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0')";
            command.ExecuteNonQuery();
        }

        var refusal = Assert.Throws<BackupRefusedException>(() => SqliteBackup.Restore(dir.File("newer.db"), target.FilePath));

        Assert.Contains("29991231000000_FromTheFuture", refusal.Message);
        Assert.Equal(["KEPT"], await StoreCodesAsync(target.FilePath));
    }

    [Fact]
    public async Task Restore_WhileSomethingHasTheDatabaseOpen_RefusedAndDatabaseUntouched()
    {
        using var dir = new TempDirectory();
        await using var source = await DatabaseWithStoreAsync("BACKED-UP");
        await using var target = await DatabaseWithStoreAsync("IN-USE");
        SqliteBackup.Backup(source.FilePath, dir.File("backup.db"));
        Stop(target);
        // As the running app holds it: write-ahead logging (set at start-up) and a connection open, idle.
        using var app = new SqliteConnection($"Data Source={target.FilePath};Pooling=False");
        app.Open();
        using (var command = app.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL; SELECT count(*) FROM Stores;";
            command.ExecuteScalar();
        }

        var refusal = Assert.Throws<BackupRefusedException>(() => SqliteBackup.Restore(dir.File("backup.db"), target.FilePath));

        Assert.Contains("Stop the app", refusal.Message);
        Assert.Equal(["IN-USE"], await StoreCodesAsync(target.FilePath));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(target.FilePath)!, "*.before-restore-*"));
    }

    [Fact]
    public async Task Backup_ToAFileThatExists_RefusedAndFileUntouched()
    {
        using var dir = new TempDirectory();
        await using var source = await DatabaseWithStoreAsync("SOURCE");
        await File.WriteAllTextAsync(dir.File("taken.db"), "yesterday's");

        var refusal = Assert.Throws<BackupRefusedException>(() => SqliteBackup.Backup(source.FilePath, dir.File("taken.db")));

        Assert.Contains("exists already", refusal.Message);
        Assert.Equal("yesterday's", await File.ReadAllTextAsync(dir.File("taken.db")));
    }

    private static async Task<TestDatabase> DatabaseWithStoreAsync(string code)
    {
        var database = await TestDatabase.CreateAsync(sqliteOnly: true);
        await using var db = database.CreateContext();
        db.Stores.Add(new Store { Code = code, Name = code });
        await db.SaveChangesAsync();
        return database;
    }

    /// <summary>As when the app stops: its pooled connections close (EF creates SQLite files in WAL mode, where an open one holds a lock).</summary>
    private static void Stop(TestDatabase database)
    {
        // The app's connection string carries more than the path (busy timeout, ...): clear every pool, not one guessed string.
        SqliteConnection.ClearAllPools();
    }

    private static async Task<List<string>> StoreCodesAsync(string file)
    {
        await using var db = new SqliteRetailDbContext(new DbContextOptionsBuilder<SqliteRetailDbContext>()
            .UseSqlite($"Data Source={file};Pooling=False").Options);
        return await db.Stores.Select(s => s.Code).ToListAsync();
    }
}
