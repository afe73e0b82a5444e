using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Data;
using RetailRecs.Testing;
using Xunit.Abstractions;

namespace RetailRecs.Web.Tests.Api;

/// <summary>
/// The CLI's backup (the same <see cref="SqliteBackup"/>) taken from the running app while tills send sales. Its own app:
/// the hundreds of one-line sales it sends would change what the other API tests' products are bought with.
/// </summary>
[Trait("Database", "Sqlite")] // about the SQLite file itself: not run again on PostgreSQL
public class BackupUnderLoadTests(SqliteFileWebFactory app, ITestOutputHelper output) : IClassFixture<SqliteFileWebFactory>
{
    private const int Tills = 4;

    [Fact]
    public async Task Backup_WhileEventsArrive_RestoredCopyHasEveryEventAcceptedBeforeItAndMigrates()
    {
        using var dir = new TempDirectory();
        var (client, _) = await ApiClient.WithKeyAsync(app);
        var run = $"BK-{Guid.NewGuid():N}"[..11].ToUpperInvariant();
        var accepted = new ConcurrentQueue<string>();
        var failures = new ConcurrentQueue<HttpStatusCode>();
        using var stop = new CancellationTokenSource();
        // A long read, as a training run makes: SQLite cannot fold later commits into the database file while it lasts,
        // so they are only in the write-ahead log, where a copy of the file would miss them and SQLite's backup finds them.
        using var longRead = new SqliteConnection($"Data Source={app.DatabasePath};Pooling=False");
        longRead.Open();
        using (var begin = longRead.CreateCommand())
        {
            begin.CommandText = "BEGIN; SELECT count(*) FROM Orders;";
            begin.ExecuteScalar();
        }
        var next = 0;
        var tills = Enumerable.Range(0, Tills).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var invoice = $"{run}-{Interlocked.Increment(ref next)}";
                var sale = new { events = new[] { new { type = "purchase", customerId = "17850", productId = "85123A", quantity = 1, unitPrice = 2.55m, invoice } } };
                using var response = await ApiClient.PostEventsAsync(client, sale, invoice);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Enqueue(invoice);
                }
                else
                {
                    failures.Enqueue(response.StatusCode);
                }
            }
        })).ToList();
        await WaitUntilAsync(() => accepted.Count >= 200);

        // Everything answered 202 so far was answered before the backup began.
        var acceptedBefore = accepted.ToArray();
        var backup = await Task.Run(() => SqliteBackup.Backup(app.DatabasePath, dir.File("backup.db")));
        var acceptedByTheEnd = accepted.Count;
        longRead.Close();
        await WaitUntilAsync(() => accepted.Count >= acceptedByTheEnd + 50); // the load went on past the backup
        await stop.CancelAsync();
        await Task.WhenAll(tills);

        output.WriteLine($"Backup of {backup.Bytes / 1048576.0:N1} MB in {backup.Took.TotalMilliseconds:N0} ms; " +
                         $"{acceptedBefore.Length} events accepted before it, {acceptedByTheEnd - acceptedBefore.Length} while it ran.");
        Assert.Empty(failures);
        var restored = SqliteBackup.Restore(backup.File, dir.File("restored.db"));
        Assert.Null(restored.SetAside);
        await using var db = new SqliteRetailDbContext(new DbContextOptionsBuilder<SqliteRetailDbContext>()
            .UseSqlite($"Data Source={restored.Database};Pooling=False").Options);
        await db.Database.MigrateAsync();
        var stored = await db.Orders.Where(o => o.InvoiceNumber.StartsWith(run + "-")).Select(o => o.InvoiceNumber).ToListAsync();
        Assert.Empty(acceptedBefore.Except(stored));
        Assert.Equal(stored.Count, stored.Distinct().Count());
        Assert.True(await db.Users.AnyAsync(), "The staff accounts came with the copy.");
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The events did not arrive within a minute.");
            await Task.Delay(20);
        }
    }
}
