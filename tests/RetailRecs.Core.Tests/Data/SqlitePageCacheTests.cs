using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Data;

/// <summary>A bulk job's wider SQLite page cache is the job's alone: the pooled connection gets SQLite's usual cache back.</summary>
public class SqlitePageCacheTests
{
    [Fact]
    public async Task WidenAsync_ThenDispose_GivesThePooledConnectionItsUsualCacheBack()
    {
        await using var database = await TestDatabase.CreateAsync(sqliteOnly: true);
        long usual;
        await using (var db = database.CreateContext())
        {
            await db.Database.OpenConnectionAsync();
            usual = await CacheSizeAsync(db);

            await using (var cache = await SqlitePageCache.WidenAsync(db, CancellationToken.None))
            {
                Assert.NotNull(cache);
                Assert.Equal(-SqlitePageCache.BulkKibibytes, await CacheSizeAsync(db));
            }

            Assert.Equal(usual, await CacheSizeAsync(db));
        }
        Assert.NotEqual(-SqlitePageCache.BulkKibibytes, usual);
    }

    private static async Task<long> CacheSizeAsync(RetailDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
