using System.Globalization;
using Microsoft.EntityFrameworkCore;
using RetailRecs.Core.Analytics;
using RetailRecs.Core.Analytics.Rollups;
using RetailRecs.Core.Data;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Tests.Import;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Analytics.Rollups;

/// <summary>
/// Sales through the events API are added to every rollup in their own transaction, not marked for a refresh: the rows
/// they leave are exactly what a refresh of every month computes from the lines, whatever the sale (a customer's new
/// month, a sale before a customer's first month, a new customer, a guest, a new store, a line without a price, a price with five decimals, a basket of seven products).
/// </summary>
public class SaleRollupDeltasTests
{
    [Fact]
    public async Task ApplyAsync_EventSales_LeaveNoMarkAndTheRowsARefreshWouldWrite()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.SampleData);
        var contexts = f.Database.Get<IDbContextFactory<RetailDbContext>>();
        await SalesRollup.RefreshAsync(contexts);
        string regular, late;
        List<string> skus;
        await using (var db = f.Database.CreateContext())
        {
            skus = await db.Products.OrderBy(p => p.Id).Select(p => p.Sku).Take(7).ToListAsync();
            regular = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
            // A customer first seen in the autumn: a sale in December 2010 moves every cohort cell of theirs.
            late = await db.Orders.Where(o => o.CustomerId != null).GroupBy(o => o.Customer!.CustomerCode)
                .Where(g => g.Min(o => o.PlacedOn) >= new DateOnly(2011, 9, 1)).Select(g => g.Key).OrderBy(c => c).FirstAsync();
        }
        var before = await DumpAsync(f.Database);
        var june = new DateTime(2011, 6, 15, 10, 0, 0);
        StoreEvent[][] requests =
        [
            // A price with five decimals: stored with four, as a server's column keeps it, and added as stored.
            [new("purchase", regular, "85123A", 40, 2.55555m, "API-DELTA-1", june), new("purchase", regular, "22423", 3, 12.75m, "API-DELTA-1", june)],
            [new("purchase", late, "85123A", 6, 2.95m, "API-DELTA-2", new DateTime(2010, 12, 3, 16, 30, 0))],
            [new("purchase", "NEW-DELTA-1", "22423", 1, 12.75m, "API-DELTA-3", june.AddHours(3)),
             new("purchase", "NEW-DELTA-1", "85123A", 2, null, "API-DELTA-3", june.AddHours(3))],
            [new("purchase", null, "85123A", 5, 2.55m, "API-DELTA-4", june.AddHours(1), Store: "S-DELTA")],
            // Seven products on one day: the upserts' statements of 4, 2 and 1 rows.
            [.. skus.Select((sku, i) => new StoreEvent("purchase", regular, sku, i + 1, 1.25m * (i + 1), "API-DELTA-5", june.AddDays(2)))],
        ];
        foreach (var events in requests)
        {
            Assert.IsType<IngestionOutcome.Ingested>(await f.Database.Get<EventIngestion>().IngestAsync(0, null, events[0].Invoice!, events));
        }

        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        }
        var kept = await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
        // Each table took the sales (none of the comparisons above is between two unchanged tables).
        foreach (var (table, rows) in before)
        {
            Assert.False(rows.SequenceEqual(kept[table]), $"{table} unchanged by the sales");
        }
    }

    /// <summary>
    /// Two writers at once, as two app instances on one database: the same customers, products and day from both. On
    /// PostgreSQL their rollup rows take turns on the refreshes' lock; on SQLite on its one writer.
    /// </summary>
    [Fact]
    public async Task ApplyAsync_TwoWritersAtOnce_LeaveTheRowsARefreshWouldWrite()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.SampleData);
        var contexts = f.Database.Get<IDbContextFactory<RetailDbContext>>();
        await SalesRollup.RefreshAsync(contexts);
        List<string> customers;
        await using (var db = f.Database.CreateContext())
        {
            customers = await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).Take(6).ToListAsync();
        }
        var writers = new[]
        {
            f.Database.Get<EventIngestion>(),
            new EventIngestion(contexts, f.Database.Get<Core.Recommendations.Live.LiveUpdates>(), f.Database.Get<Core.Common.Changes.ChangeFeed>(),
                f.Database.Get<RollupRefresher>(), Microsoft.Extensions.Logging.Abstractions.NullLogger<EventIngestion>.Instance, TimeProvider.System),
        };
        var day = new DateTime(2011, 11, 20, 12, 0, 0);
        // Each writer its own product and customers, the same day: nothing but the lock keeps one writer's read of the
        // day's order, hour, country and category rows from missing the other's sales (on a shared product or
        // customer the first upsert's row lock would make them wait anyway).
        var sent = Enumerable.Range(0, 40).Select(i => writers[i % 2].IngestAsync(0, null, $"two-{i}",
            [new StoreEvent("purchase", customers[i % 2 + 2 * (i / 2 % 3)], i % 2 == 0 ? "22423" : "85123A", 1 + i % 4, 2.55m, $"API-TWO-{i}", day.AddMinutes(i))]));
        Assert.All(await Task.WhenAll(sent), outcome => Assert.IsType<IngestionOutcome.Ingested>(outcome));

        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        }
        await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
        foreach (var writer in writers.Skip(1))
        {
            await writer.StopAsync(default);
        }
    }

    /// <summary>
    /// A month's refresh holds the rollups for minutes on a chain's data (201 s for a month at 100× on PostgreSQL): a
    /// till's sale does not wait for it: it is stored as pending at once, its month unmarked (a mark made every refresh
    /// that outlasted a till's patience refresh that month again); the dashboard reads the month from its lines meanwhile. A refresh of that month leaves the pending sales out, and its turn after adds them once: the
    /// rows equal a full refresh's.
    /// </summary>
    [PostgresOnlyFact]
    public async Task IngestAsync_WhileARefreshHoldsTheRollups_IsStoredPendingAtOnceAndAddedOnceAfterIt()
    {
        await using var f = await ImportFixture.CreateAsync();
        var customer = await ImportAndRefreshAsync(f);
        var contexts = f.Database.Get<IDbContextFactory<RetailDbContext>>();
        var october = new DateOnly(2011, 10, 1);

        var ingestion = f.Database.Get<EventIngestion>();
        // A refresh holds the turn: the sales go pending without waiting (the patience here is a minute; a till would give up).
        await using (var refresh = f.Database.CreateContext())
        await using (var turn = await refresh.Database.BeginTransactionAsync())
        {
            await SalesRollup.TakeLongTurnAsync(refresh, default);
            ingestion.RollupPatience = TimeSpan.FromMinutes(1);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "held",
                [new StoreEvent("purchase", customer, "85123A", 2, 2.55m, "API-HELD-1", new DateTime(2011, 10, 4, 9, 0, 0)),
                 new StoreEvent("purchase", "NEW-HELD-1", "22423", 1, 12.75m, "API-HELD-2", new DateTime(2011, 10, 4, 9, 5, 0)),
                 // A month no refresh will recompute: only its delta brings it into the rows.
                 new StoreEvent("purchase", customer, "22423", 6, 12.75m, "API-HELD-4", new DateTime(2011, 9, 14, 11, 0, 0))]));
            Assert.InRange(watch.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(30));
        }
        // Another till's sales hold it (briefly, as a rule): the sale waits its patience, then goes pending.
        await using (var other = f.Database.CreateContext())
        await using (var turn = await other.Database.BeginTransactionAsync())
        {
            await SalesRollup.TakeTurnAsync(other, default);
            ingestion.RollupPatience = TimeSpan.FromSeconds(2);
            var watch = System.Diagnostics.Stopwatch.StartNew();
            Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "held-2",
                [new StoreEvent("purchase", customer, "22423", 4, 12.75m, "API-HELD-3", new DateTime(2011, 10, 5, 9, 0, 0))]));
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(30));
        }
        await using (var db = f.Database.CreateContext())
        {
            var september = new DateOnly(2011, 9, 1);
            Assert.Equal([september, october, october, october], await db.RollupPendingOrders.Select(p => p.Month).OrderBy(m => m).ToListAsync());
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
            var coverage = await RollupCoverage.ReadAsync(db, new DashboardFilter(new DateOnly(2011, 8, 1), new DateOnly(2011, 11, 30)), default);
            Assert.Equal([(new DateOnly(2011, 8, 1), new DateOnly(2011, 8, 31), true), (september, new DateOnly(2011, 10, 31), false),
                (new DateOnly(2011, 11, 1), new DateOnly(2011, 11, 30), true)], coverage.Days(new DateOnly(2011, 8, 1), new DateOnly(2011, 11, 30)));
            Assert.False(coverage.CustomerHistoryRolled); // first purchases read from the orders meanwhile
            SalesRollup.Mark(db, [october]); // and October's refresh comes next, with the sales still pending
            await db.SaveChangesAsync();
        }

        Assert.Equal(new RefreshedRollups(1, 4), await SalesRollup.RefreshAsync(contexts)); // October without the pending sales; then all of them are added

        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(0, await db.RollupPendingOrders.CountAsync());
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        }
        await SalesRollupTests.AssertDashboardEqualsTheLinesAsync(f.Database);
        await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
    }

    /// <summary>
    /// Something other than a refresh held the turn past a till's patience (here another till's group): no refresh adds
    /// the pending sale after its month, so the ingestion wakes the background refresher, which adds it at once instead
    /// of at its next round a minute later (the dashboard reads the month from its lines until then).
    /// </summary>
    [PostgresOnlyFact]
    public async Task IngestAsync_PendingWithoutARefresh_WakesTheRefresherWhichAddsItBeforeItsNextRound()
    {
        await using var f = await ImportFixture.CreateAsync();
        var customer = await ImportAndRefreshAsync(f);
        var refresher = f.Database.Get<RollupRefresher>();
        using var stop = new CancellationTokenSource();
        var running = refresher.RunAsync(stop.Token);
        for (var wait = 0; refresher.Rounds < 2 && wait < 300; wait++)
        {
            await Task.Delay(100); // its first round, and the one the import's poke asked for: both with nothing to do
        }
        Assert.Equal(2, refresher.Rounds); // now it waits out its interval, unless woken
        var ingestion = f.Database.Get<EventIngestion>();
        ingestion.RollupPatience = TimeSpan.FromMilliseconds(200);

        await using (var other = f.Database.CreateContext())
        await using (var turn = await other.Database.BeginTransactionAsync())
        {
            await SalesRollup.TakeTurnAsync(other, default);
            Assert.IsType<IngestionOutcome.Ingested>(await ingestion.IngestAsync(0, null, "poke",
                [new StoreEvent("purchase", customer, "85123A", 2, 2.55m, "API-POKE-1", new DateTime(2011, 10, 4, 9, 0, 0))]));
            await using var db = f.Database.CreateContext();
            Assert.Equal(1, await db.RollupPendingOrders.CountAsync());
        }

        var pending = 1;
        for (var wait = 0; pending > 0 && wait < 300; wait++) // 30 s, half the refresher's round
        {
            await Task.Delay(100);
            await using var db = f.Database.CreateContext();
            pending = await db.RollupPendingOrders.CountAsync();
        }
        Assert.Equal(0, pending);
        Assert.InRange(RollupRefresher.Interval, TimeSpan.FromSeconds(31), TimeSpan.MaxValue);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => running);
        await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
    }

    /// <summary>
    /// The same with a real refresh, stopped right after it took its turn: a till's sale for the month being refreshed
    /// (and one for another month) is answered while the refresh still runs, waits as pending, is left out of the
    /// refresh's statements, and is added once right after the month.
    /// </summary>
    [PostgresOnlyFact]
    public async Task IngestAsync_DuringAMonthsRefresh_IsAnsweredAtOnceLeftOutOfTheRefreshAndAddedAfterIt()
    {
        await using var f = await ImportFixture.CreateAsync();
        var customer = await ImportAndRefreshAsync(f);
        await using (var db = f.Database.CreateContext())
        {
            SalesRollup.Mark(db, [new DateOnly(2011, 10, 1)]);
            await db.SaveChangesAsync();
        }
        var ingestion = f.Database.Get<EventIngestion>();
        ingestion.RollupPatience = TimeSpan.FromMinutes(1); // were it to wait for the refresh, it would outlast the pause below
        Task<IngestionOutcome>? sale = null;
        var pendingDuringTheRefresh = -1;
        // The refresh's read of the month's marks comes right after it took its turn.
        var pause = new AfterCommand(sql => sql.Contains("\"RollupDirtyMonths\"", StringComparison.Ordinal) && sql.Contains("\"Id\"", StringComparison.Ordinal)
            && sql.Contains("WHERE", StringComparison.Ordinal), async () =>
        {
            sale = ingestion.IngestAsync(0, null, "during",
                [new StoreEvent("purchase", customer, "85123A", 3, 2.55m, "API-DURING-1", new DateTime(2011, 10, 20, 12, 0, 0)),
                 new StoreEvent("purchase", customer, "22423", 2, 12.75m, "API-DURING-2", new DateTime(2011, 8, 3, 12, 0, 0))]);
            await Task.WhenAny(sale, Task.Delay(TimeSpan.FromSeconds(30)));
            if (sale.IsCompleted)
            {
                await using var db = f.Database.CreateContext();
                pendingDuringTheRefresh = await db.RollupPendingOrders.CountAsync();
            }
        });

        Assert.Equal(new RefreshedRollups(1, 2), await SalesRollup.RefreshAsync(new PausingContexts(f.Database, pause)));

        Assert.NotNull(sale);
        Assert.True(sale.IsCompleted, "the sale waited for the refresh");
        Assert.IsType<IngestionOutcome.Ingested>(await sale);
        Assert.Equal(2, pendingDuringTheRefresh);
        await using (var db = f.Database.CreateContext())
        {
            Assert.Equal(0, await db.RollupPendingOrders.CountAsync());
            Assert.Equal(0, await db.RollupDirtyMonths.CountAsync());
        }
        await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
    }

    /// <summary>
    /// A till's sale for a customer in a month they never bought in, stored while that customer is erased (after the
    /// erasure would have read their months): the sale adds itself to the rollups without a mark, so the erasure must
    /// see it or the sale must wait. Either way the rows equal a full refresh's afterwards.
    /// </summary>
    [PostgresOnlyFact]
    public async Task ApplyAsync_SaleDuringAnErasure_LeavesTheRowsARefreshWouldWrite()
    {
        await using var f = await ImportFixture.CreateAsync();
        await f.ImportAsync(RepositoryPaths.SampleData);
        var contexts = f.Database.Get<IDbContextFactory<RetailDbContext>>();
        await SalesRollup.RefreshAsync(contexts);
        int id;
        string code;
        await using (var db = f.Database.CreateContext())
        {
            var customer = await db.Customers.Where(c => db.Orders.Any(o => o.CustomerId == c.Id)
                    && !db.Orders.Any(o => o.CustomerId == c.Id && o.PlacedOn >= new DateOnly(2011, 12, 1)))
                .OrderBy(c => c.Id).Select(c => new { c.Id, c.CustomerCode }).FirstAsync();
            (id, code) = (customer.Id, customer.CustomerCode);
        }
        Task<IngestionOutcome>? sale = null;
        // Right after the erasure's first read of their orders, the till sends the sale; the erasure goes on after it
        // was stored or after 1.5 s, whichever comes first.
        var pause = new AfterCommand(sql => sql.Contains("DISTINCT", StringComparison.Ordinal) && sql.Contains("\"PlacedOn\"", StringComparison.Ordinal), async () =>
        {
            sale = f.Database.Get<EventIngestion>().IngestAsync(0, null, "erased",
                [new StoreEvent("purchase", code, "85123A", 2, 2.55m, "API-ERASE-1", new DateTime(2011, 12, 5, 10, 0, 0))]);
            await Task.WhenAny(sale, Task.Delay(1500));
        });
        var options = new DbContextOptionsBuilder<PostgresRetailDbContext>().UseNpgsql(f.Database.ConnectionString).AddInterceptors(pause).Options;
        await using (var erasure = new PostgresRetailDbContext(options))
        {
            await using var tx = await erasure.Database.BeginTransactionAsync();
            await Core.Privacy.CustomerAnonymisation.ApplyAsync(erasure, [id]);
            await tx.CommitAsync();
        }
        Assert.NotNull(sale);
        Assert.IsType<IngestionOutcome.Ingested>(await sale);

        await SalesRollup.RefreshAsync(contexts); // the erasure's own marks
        await using (var db = f.Database.CreateContext())
        {
            // The sale waited for the erasure, failed on the customer it had, and was written again for a new customer of
            // that code (anonymised by retention, not erased at their request, the code is not refused).
            Assert.Equal(1, await db.Orders.CountAsync(o => o.InvoiceNumber == "API-ERASE-1" && o.CustomerId != id));
        }
        await AssertAFullRefreshWritesTheSameRowsAsync(f.Database);
    }

    /// <summary>Imports the sample, refreshes every month, and returns the first customer's code.</summary>
    private static async Task<string> ImportAndRefreshAsync(ImportFixture f)
    {
        await f.ImportAsync(RepositoryPaths.SampleData);
        await SalesRollup.RefreshAsync(f.Database.Get<IDbContextFactory<RetailDbContext>>());
        await using var db = f.Database.CreateContext();
        return await db.Customers.OrderBy(c => c.Id).Select(c => c.CustomerCode).FirstAsync();
    }

    /// <summary>The rollup rows as they are, then every month marked and refreshed from the lines: the same rows. Returns the first.</summary>
    private static async Task<Dictionary<string, List<string>>> AssertAFullRefreshWritesTheSameRowsAsync(TestDatabase database)
    {
        var kept = await DumpAsync(database);
        await using (var db = database.CreateContext())
        {
            await SalesRollup.MarkAllAsync(db);
        }
        await SalesRollup.RefreshAsync(database.Get<IDbContextFactory<RetailDbContext>>());
        foreach (var (table, rows) in await DumpAsync(database))
        {
            Assert.True(rows.SequenceEqual(kept[table]), $"{table}: {string.Join(" | ", rows.Except(kept[table]).Take(3))} written by the refresh, " +
                                                         $"{string.Join(" | ", kept[table].Except(rows).Take(3))} kept by the sales");
        }
        return kept;
    }

    /// <summary>Every rollup table's rows in key order, doubles to six decimals (a refresh sums in another order).</summary>
    private static async Task<Dictionary<string, List<string>>> DumpAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        static string N(double d) => d.ToString("F6", CultureInfo.InvariantCulture);
        static string D(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new()
        {
            ["ProductDaySales"] = (await db.ProductDaySales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Day)} {r.StoreKey} {r.ProductId} {N(r.Revenue)} {r.Units} {r.PricedLines}").Order(StringComparer.Ordinal).ToList(),
            ["ProductMonthSales"] = (await db.ProductMonthSales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Month)} {r.StoreKey} {r.ProductId} {N(r.Revenue)} {r.Units} {r.PricedLines} {N(r.PositiveDayRevenue)}").Order(StringComparer.Ordinal).ToList(),
            ["OrderDaySales"] = (await db.OrderDaySales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Day)} {r.StoreKey} {r.IsCancellation} {r.Orders} {r.Revenue:F2} {r.Items} {r.Lines1} {r.Lines2To5} {r.Lines6To10} {r.Lines11To20} {r.Lines21To50} {r.Lines51Up}")
                .Order(StringComparer.Ordinal).ToList(),
            ["OrderHourCounts"] = (await db.OrderHourCounts.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Day)} {r.StoreKey} {r.Hour} {r.Orders}").Order(StringComparer.Ordinal).ToList(),
            ["CustomerMonthSales"] = (await db.CustomerMonthSales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Month)} {r.StoreKey} {r.CustomerKey} {r.Orders} {r.Revenue:F2} {r.Items}").Order(StringComparer.Ordinal).ToList(),
            ["CustomerCohortMonths"] = (await db.CustomerCohortMonths.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Month)} {D(r.FirstMonth)} {r.Customers}").Order(StringComparer.Ordinal).ToList(),
            ["CategoryDaySales"] = (await db.CategoryDaySales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Day)} {r.StoreKey} {r.Category} {r.IsNonMerchandise} {N(r.Revenue)} {r.Units} {r.PricedLines}").Order(StringComparer.Ordinal).ToList(),
            ["CountryDaySales"] = (await db.CountryDaySales.AsNoTracking().ToListAsync())
                .Select(r => $"{D(r.Day)} {r.StoreKey} {r.Member} {r.Country} {r.Orders} {r.Revenue:F2} {r.Items}").Order(StringComparer.Ordinal).ToList(),
        };
    }
}
