using RetailRecs.Core.Common.Audit;
using RetailRecs.Core.Model;
using RetailRecs.Testing;

namespace RetailRecs.Core.Tests.Privacy;

public class AuditLogTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private AuditLog Log => _database.Get<AuditLog>();

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync();
        await using var db = _database.CreateContext();
        db.AuditEntries.AddRange(
            new AuditEntry { At = new DateTime(2026, 11, 1, 9, 0, 0), UserName = "alex@store.example", Action = "customer.viewed", EntityType = "Customer", EntityId = "17" },
            new AuditEntry { At = new DateTime(2026, 11, 2, 9, 0, 0), UserName = "alex@store.example", Action = "customer.viewed", EntityType = "Customer", EntityId = "18" },
            new AuditEntry { At = new DateTime(2026, 11, 3, 9, 0, 0), UserName = "boss@store.example", Action = "staff.locked", EntityType = "StaffUser", EntityId = "u-1" });
        await db.SaveChangesAsync();
    }

    public async Task DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task SearchAsync_NoFilter_NewestFirst() =>
        Assert.Equal(["staff.locked", "customer.viewed", "customer.viewed"], (await Log.SearchAsync()).Select(a => a.Action));

    [Fact]
    public async Task SearchAsync_ByWhoWhatRecordAndDay_NarrowsTheLog()
    {
        Assert.Equal(2, (await Log.SearchAsync(who: "ALEX")).Count);
        Assert.Single(await Log.SearchAsync(action: "staff."));
        Assert.Equal("18", (await Log.SearchAsync(action: "customer.", entityId: "18")).Single().EntityId);
        Assert.Equal("18", (await Log.SearchAsync(from: new DateOnly(2026, 11, 2), to: new DateOnly(2026, 11, 2))).Single().EntityId);
    }
}
