using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Import;

/// <summary>
/// The database refusing an import part-way: held by another program beyond the busy timeout, or out of space. Each
/// time nothing is half-written, the user and the history are told in words, and the same file imports later.
/// </summary>
public class ImportFaultTests
{
    private static Task<ImportResult> ImportSampleAsync(TestDatabase db) => db.Get<ImportService>().ImportAsync(
        new ImportRequest(ImportKind.Transactions, RepositoryPaths.SampleData, "online_retail_sample.csv.gz", "test", DryRun: false, Map: null));

    private sealed record Counts(int Orders, int Lines, int Products, int Customers, int Rejections);

    private static async Task<Counts> CountAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return new Counts(await db.Orders.CountAsync(), await db.OrderLines.CountAsync(), await db.Products.CountAsync(),
            await db.Customers.CountAsync(), await db.ImportRejections.CountAsync());
    }

    [Fact]
    public async Task ImportAsync_DatabaseWriteLockedBeyondTimeout_RefusedInWordsNothingStoredAndRetrySucceeds()
    {
        await using var db = await TestDatabase.CreateAsync(database: o => o.BusyTimeoutSeconds = 1, sqliteOnly: true);
        var before = await CountAsync(db);

        ImportException refused;
        using (new SqliteWriteLock(db.FilePath))
        {
            refused = await Assert.ThrowsAsync<ImportException>(() => ImportSampleAsync(db));
        }

        Assert.Contains("The database is busy", refused.Message);
        Assert.Contains("Nothing was stored", refused.Message);
        Assert.Equal(before, await CountAsync(db));
        var retried = await ImportSampleAsync(db);
        Assert.Equal(ImportOutcome.Imported, retried.Outcome);
        Assert.True((await CountAsync(db)).Lines > 40_000);
    }

    [Fact]
    public async Task ImportAsync_DiskFullPartWay_HistorySaysDiskFullNothingStoredAndRetrySucceedsOnceSpaceIsBack()
    {
        var disk = new SqliteDiskLimit();
        await using var db = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<IInterceptor>(disk), sqliteOnly: true);
        var before = await CountAsync(db);
        // 50 pages (200 KiB): the file's 48,000 rows need megabytes, so the writer stops well inside them.
        disk.FillUpAfter(db.FilePath, pages: 50);

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportSampleAsync(db));

        Assert.Contains("The disk is full", refused.Message);
        Assert.Equal(before, await CountAsync(db));
        var history = await db.Get<ImportHistory>().ListAsync();
        var failed = Assert.Single(history);
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.StartsWith("Failed: the disk is full", failed.Message);

        disk.Limit = null;
        var retried = await ImportSampleAsync(db);
        Assert.Equal(ImportOutcome.Imported, retried.Outcome);
        Assert.True((await CountAsync(db)).Lines > 40_000);
    }

    /// <summary>
    /// The PostgreSQL server runs out of disk space part-way. A full disk cannot be made here, so the server raises its
    /// own error for one (SQLSTATE 53100, disk_full, from a trigger on the orders once the import has written some);
    /// before, the import showed the server's raw message and the API answered 500 instead of 503.
    /// </summary>
    [PostgresOnlyFact]
    public async Task ImportAsync_ServerDiskFullPartWay_HistorySaysDiskFullNothingStoredAndRetrySucceedsOnceSpaceIsBack()
    {
        await using var db = await TestDatabase.CreateAsync();
        await using (var context = db.CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync("""
                CREATE FUNCTION test_disk_fills_up() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF (SELECT count(*) FROM "Orders") > 500 THEN
                        RAISE EXCEPTION 'could not extend file "base/16384/16385": No space left on device' USING ERRCODE = 'disk_full';
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER test_disk_fills_up AFTER INSERT ON "Orders" FOR EACH STATEMENT EXECUTE FUNCTION test_disk_fills_up();
                """);
        }
        var before = await CountAsync(db);

        var refused = await Assert.ThrowsAsync<ImportException>(() => ImportSampleAsync(db));

        Assert.Contains("The disk is full", refused.Message);
        Assert.Equal(before, await CountAsync(db));
        var failed = Assert.Single(await db.Get<ImportHistory>().ListAsync());
        Assert.Equal(ImportStatus.Failed, failed.Status);
        Assert.StartsWith("Failed: the disk is full", failed.Message);

        await using (var context = db.CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync("""DROP TRIGGER test_disk_fills_up ON "Orders" """);
        }
        var retried = await ImportSampleAsync(db);
        Assert.Equal(ImportOutcome.Imported, retried.Outcome);
        Assert.True((await CountAsync(db)).Lines > 40_000);
    }

    [Fact]
    public async Task ImportAsync_TemporaryDiskFullUnderTheCleanersTally_SaidAsAFullDiskNothingStoredDryRunToo()
    {
        await using var db = await TestDatabase.CreateAsync();
        var importer = db.Get<ImportService>();
        // 8 pages (32 KiB): the sample's 3,000-odd products' counts need far more.
        importer.TallyMaxPages = 8;
        var before = await CountAsync(db);

        Task<ImportResult> Import(bool dryRun) => importer.ImportAsync(
            new ImportRequest(ImportKind.Transactions, RepositoryPaths.SampleData, "online_retail_sample.csv.gz", "test", dryRun, Map: null));

        var refused = await Assert.ThrowsAsync<ImportException>(() => Import(dryRun: false));
        var dryRun = await Assert.ThrowsAsync<ImportException>(() => Import(dryRun: true));

        Assert.Contains("The disk is full", refused.Message);
        Assert.Contains("The disk is full", dryRun.Message);
        Assert.Equal(before, await CountAsync(db));
        var failed = Assert.Single(await db.Get<ImportHistory>().ListAsync());
        Assert.StartsWith("Failed: the disk is full", failed.Message);

        importer.TallyMaxPages = null;
        Assert.Equal(ImportOutcome.Imported, (await Import(dryRun: false)).Outcome);
    }
}
