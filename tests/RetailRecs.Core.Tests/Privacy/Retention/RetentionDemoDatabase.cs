using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Import;
using RetailRecs.Core.Model;
using RetailRecs.Core.Privacy;
using RetailRecs.Core.Privacy.Retention;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy.Retention;

/// <summary>
/// The demo slice (sales 2010-12-01 to 2011-12-09, so the shop's today is 2011-12-09) at a fixed real time, with
/// interaction events and audit entries of known ages added, for one test: retention changes much of it.
/// </summary>
internal sealed class RetentionDemoDatabase : IAsyncDisposable
{
    public static readonly DateTimeOffset RealNow = new(2026, 12, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly StaffActor Admin = new("admin-id", "admin@retailrecs.example");

    /// <summary>A policy under which some, not all, of the demo's customers and rows qualify.</summary>
    public static RetentionOptions Policy() => new()
    {
        CustomersInactiveMonths = 6, // inactive since before 2011-06-09
        InteractionsMonths = 24,
        AuditEntriesMonths = 72,
        CustomerBatchSize = 40, // several batches on the slice
        DeleteBatchSize = 3,    // several statements per category
    };

    public const int OldEvents = 7, RecentEvents = 4, OldAuditEntries = 3, OldKeptAuditEntries = 2;

    public TestDatabase Database { get; }
    public FixedTime Time { get; }
    /// <summary>A customer who bought in the last month of the data: never inactive under <see cref="Policy"/>.</summary>
    public int ActiveCustomerId { get; private set; }

    private RetentionDemoDatabase(TestDatabase database, FixedTime time) => (Database, Time) = (database, time);

    public static async Task<RetentionDemoDatabase> CreateAsync(Action<RetentionOptions>? policy = null, IInterceptor? interceptor = null)
    {
        var time = new FixedTime(RealNow);
        var database = await TestDatabase.CreateAsync(configure: s =>
        {
            s.AddSingleton<TimeProvider>(time);
            s.Configure<RetentionOptions>(o =>
            {
                var p = Policy();
                (o.CustomersInactiveMonths, o.InteractionsMonths, o.AuditEntriesMonths, o.CustomerBatchSize, o.DeleteBatchSize) =
                    (p.CustomersInactiveMonths, p.InteractionsMonths, p.AuditEntriesMonths, p.CustomerBatchSize, p.DeleteBatchSize);
                policy?.Invoke(o);
            });
            if (interceptor is not null)
            {
                s.AddSingleton(interceptor);
            }
        });
        var demo = new RetentionDemoDatabase(database, time);
        await database.Get<DemoDataSeeder>().SeedAsync(RepositoryPaths.SampleData);
        await demo.AddAgedRowsAsync();
        return demo;
    }

    private async Task AddAgedRowsAsync()
    {
        await using var db = Database.CreateContext();
        ActiveCustomerId = await db.Orders.Where(o => o.CustomerId != null && o.PlacedAt >= new DateTime(2011, 11, 9))
            .OrderBy(o => o.CustomerId).Select(o => o.CustomerId!.Value).FirstAsync();
        var product = await db.Products.OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var now = RealNow.UtcDateTime;
        for (var i = 0; i < OldEvents + RecentEvents; i++)
        {
            db.InteractionEvents.Add(new InteractionEvent
            {
                CustomerId = ActiveCustomerId, ProductId = product, Type = InteractionType.Shown, Source = "lookup",
                OccurredAt = i < OldEvents ? now.AddMonths(-25).AddDays(-i) : now.AddMonths(-1).AddDays(-i),
            });
        }
        var key = ActiveCustomerId.ToString(System.Globalization.CultureInfo.InvariantCulture);
        for (var i = 0; i < OldAuditEntries; i++)
        {
            db.AuditEntries.Add(Aged(AuditLog.Entry(Admin, "customer.viewed", nameof(Customer), key), now.AddMonths(-80)));
        }
        db.AuditEntries.Add(Aged(AuditLog.Entry(Admin, CustomerErasureService.ErasedAction, nameof(Customer), "ER-0123456789AB"), now.AddMonths(-80)));
        db.AuditEntries.Add(Aged(AuditLog.Entry(Admin, RetentionService.RunAction, RetentionService.EntityType, RetentionService.Applied, "{}"), now.AddMonths(-80)));
        db.AuditEntries.Add(Aged(AuditLog.Entry(Admin, "customer.viewed", nameof(Customer), key), now.AddMonths(-2)));
        await db.SaveChangesAsync();
    }

    private static AuditEntry Aged(AuditEntry entry, DateTime at)
    {
        entry.At = at;
        return entry;
    }

    public RetentionService Retention => Database.Get<RetentionService>();

    public ValueTask DisposeAsync() => Database.DisposeAsync();

    public sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;
        public override DateTimeOffset GetUtcNow() => Now;
        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
