using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using RetailRecs.Core.Ingestion;
using RetailRecs.Core.Model;
using RetailRecs.Testing;
using static RetailRecs.Core.Tests.Builders;

namespace RetailRecs.Core.Tests.Ingestion;

/// <summary>
/// A till's sale is stored on the shop's clock, as an imported one is: in UTC it fell on the next day for an evening
/// sale in New York (its day on the dashboard, its hour, its place among the shop's sales), and attribution compared it
/// with showings on another clock.
/// </summary>
public class EventIngestionClockTests
{
    [Fact]
    public async Task IngestAsync_EveningSaleInNewYork_StoredAtTheShopsTimeAndDay_TheShowingItFollowsInUtc()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2011, 12, 9, 12, 0, 0, TimeSpan.Zero));
        clock.SetLocalTimeZone(TimeZoneInfo.FindSystemTimeZoneById("America/New_York"));
        await using var database = await TestDatabase.CreateAsync(configure: s => s.AddSingleton<TimeProvider>(clock));
        await using (var db = database.CreateContext())
        {
            db.AddRange(Product("MUG", "Mug"), new Customer { CustomerCode = "C-1" });
            await db.SaveChangesAsync();
        }
        var at = new DateTime(2011, 12, 9, 3, 30, 0, DateTimeKind.Utc); // 22:30 on 8 December in New York

        Assert.IsType<IngestionOutcome.Ingested>(await database.Get<EventIngestion>().IngestAsync(0, null, "h",
            [new StoreEvent("shown", "C-1", "MUG", OccurredAt: at.AddMinutes(-5)), new StoreEvent("purchase", "C-1", "MUG", 1, 2.5m, "T-1", at)]));

        await using var check = database.CreateContext();
        var sale = await check.Orders.SingleAsync(o => o.InvoiceNumber == "T-1");
        Assert.Equal((new DateTime(2011, 12, 8, 22, 30, 0), new DateOnly(2011, 12, 8)), (sale.PlacedAt, sale.PlacedOn));
        Assert.Equal(at.AddMinutes(-5), await check.InteractionEvents.Select(e => e.OccurredAt).SingleAsync());
    }
}
